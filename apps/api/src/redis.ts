/**
 * The producer's Redis connection. The API must answer fast when Redis is gone, so commands
 * are never queued while disconnected (`enableOfflineQueue: false`) and an in-flight command
 * is retried at most once; meanwhile the connection keeps reconnecting in the background, so
 * the API recovers by itself when Redis returns.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { TimeoutError } from './with-timeout.js';

const RECONNECT_STEP_MS = 200;
const RECONNECT_MAX_DELAY_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;

/** Repeated connection errors are logged at most once per this interval. */
export const ERROR_LOG_INTERVAL_MS = 30_000;

/** Opens the producer connection to `url` and logs its trouble through `log`. */
export function createProducerConnection(url: string, log: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Never give up: returning a number keeps ioredis reconnecting, with a capped back-off.
    retryStrategy: (attempt) => Math.min(attempt * RECONNECT_STEP_MS, RECONNECT_MAX_DELAY_MS),
  });
  watchConnection(redis, log);
  return redis;
}

/** Logs errors of `redis` at warn, at most once per interval, and logs when it recovers. */
export function watchConnection(redis: Redis, log: Logger): void {
  const warn = createThrottledWarn(log, 'redis connection error');
  let failing = false;

  redis.on('error', (err: Error) => {
    failing = true;
    warn(err);
  });
  redis.on('ready', () => {
    if (failing) {
      failing = false;
      log.info('redis connection restored');
    }
  });
}

/**
 * Returns a function that logs `err` at warn the first time, then at most once per
 * `intervalMs`, reporting how many errors it left out in between. A Redis outage makes
 * ioredis fail every few hundred milliseconds; one line per retry would drown the logs.
 */
export function createThrottledWarn(
  log: Logger,
  message: string,
  intervalMs = ERROR_LOG_INTERVAL_MS,
): (err: Error) => void {
  let lastLoggedAtMs = Number.NEGATIVE_INFINITY;
  let suppressed = 0;

  return (err) => {
    const nowMs = Date.now();
    if (nowMs - lastLoggedAtMs < intervalMs) {
      suppressed += 1;
      return;
    }
    log.warn({ err, suppressed }, message);
    lastLoggedAtMs = nowMs;
    suppressed = 0;
  };
}

/**
 * Resolves once `redis` is ready to take commands, or rejects after `timeoutMs`. Commands are
 * not queued while disconnected, so a request that arrives during start-up or a reconnect
 * waits here, within its own time budget, instead of failing at once.
 */
export async function waitUntilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') {
    return;
  }
  if (redis.status === 'end') {
    throw new Error('redis connection is closed');
  }

  let settle: (err?: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    settle = (err) => (err ? reject(err) : resolve());
  });
  const onReady = () => settle();
  const onEnd = () => settle(new Error('redis connection is closed'));
  const timer = setTimeout(() => settle(new TimeoutError(timeoutMs)), timeoutMs);
  redis.once('ready', onReady);
  redis.once('end', onEnd);

  try {
    await ready;
  } finally {
    clearTimeout(timer);
    redis.off('ready', onReady);
    redis.off('end', onEnd);
  }
}

/** Closes a connection the app owns, politely if Redis answers, at once if it does not. */
export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // Fall through: the connection dropped while quitting.
    }
  }
  redis.disconnect();
}
