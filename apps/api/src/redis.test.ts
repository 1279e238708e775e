import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createProducerConnection, createThrottledWarn, waitUntilReady } from './redis.js';
import { memoryLogger, TEST_REDIS_URL } from './test-helpers.js';
import { TimeoutError } from './with-timeout.js';

describe('createThrottledWarn', () => {
  it('logs the first error and leaves out repeats within the interval', () => {
    const { logger, lines } = memoryLogger();
    const warn = createThrottledWarn(logger, 'redis connection error', 60_000);

    for (let attempt = 0; attempt < 50; attempt += 1) {
      warn(new Error('connect ECONNREFUSED 127.0.0.1:1'));
    }

    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ level: 40, msg: 'redis connection error', suppressed: 0 });
  });

  it('logs again after the interval, counting what it left out', () => {
    const { logger, lines } = memoryLogger();
    const warn = createThrottledWarn(logger, 'redis connection error', 0);

    warn(new Error('first'));
    warn(new Error('second'));

    expect(lines().map((line) => line.suppressed)).toEqual([0, 0]);
  });
});

describe('the producer connection', () => {
  it('keeps reconnecting to an unreachable Redis and logs it once', async () => {
    const { logger, lines } = memoryLogger();
    const redis = createProducerConnection('redis://127.0.0.1:1', logger);
    let errors = 0;
    redis.on('error', () => {
      errors += 1;
    });

    try {
      await new Promise<void>((resolve) => {
        const check = () => (errors >= 3 ? resolve() : undefined);
        redis.on('error', check);
      });
      expect(redis.status).not.toBe('end');
      expect(lines().filter((line) => line.msg === 'redis connection error')).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
  });

  it('fails a command at once while disconnected instead of queueing it', async () => {
    const { logger } = memoryLogger();
    const redis = createProducerConnection('redis://127.0.0.1:1', logger);

    try {
      await expect(redis.ping()).rejects.toThrow(/enableOfflineQueue/);
    } finally {
      redis.disconnect();
    }
  });
});

describe('waitUntilReady', () => {
  it('resolves once the connection is ready', async () => {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });

    try {
      const ready = waitUntilReady(redis, 5000);
      await redis.connect();
      await expect(ready).resolves.toBeUndefined();
      expect(redis.listenerCount('ready')).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('rejects after its timeout and removes its listeners', async () => {
    const { logger } = memoryLogger();
    const redis = createProducerConnection('redis://127.0.0.1:1', logger);
    const readyListeners = redis.listenerCount('ready');

    try {
      await expect(waitUntilReady(redis, 50)).rejects.toBeInstanceOf(TimeoutError);
      expect(redis.listenerCount('ready')).toBe(readyListeners);
      expect(redis.listenerCount('end')).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
