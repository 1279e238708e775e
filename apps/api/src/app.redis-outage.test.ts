import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import {
  AUTH_HEADERS,
  invoicePayload,
  monthEndPayload,
  removeKeys,
  TEST_REDIS_URL,
  testConfig,
  waitFor,
} from './test-helpers.js';

// Nothing listens on port 1 of the loopback: connections are refused at once.
const UNREACHABLE_REDIS_URL = 'redis://127.0.0.1:1';

/** A TCP relay to the test Redis that the test can cut and restore, on the same port. */
class RedisRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    const target = new URL(TEST_REDIS_URL);
    this.server = createServer((client) => {
      const upstream = new Socket().connect(Number(target.port || 6379), target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Refuses new connections and drops the open ones, like a Redis that went away. */
  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await closed;
  }

  url(): string {
    const url = new URL(TEST_REDIS_URL);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }
}

describe('when Redis is unreachable', () => {
  let app: FastifyInstance | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const outageApp = () =>
    buildApp({ config: testConfig({ redisUrl: UNREACHABLE_REDIS_URL, enqueueTimeoutMs: 250 }) });

  it('answers 503 API_ERR_QUEUE_UNAVAILABLE to an enqueue', async () => {
    app = outageApp();

    const plain = await app.inject({
      method: 'POST',
      url: '/api/jobs/invoice.generate',
      headers: AUTH_HEADERS,
      payload: { payload: invoicePayload() },
    });
    const keyed = await app.inject({
      method: 'POST',
      url: '/api/jobs/invoice.generate',
      headers: AUTH_HEADERS,
      payload: {
        payload: invoicePayload(),
        options: { idempotencyKey: `invoice-${randomUUID()}` },
      },
    });

    expect(plain.statusCode).toBe(503);
    expect(plain.json()).toMatchObject({ code: 'API_ERR_QUEUE_UNAVAILABLE' });
    expect(keyed.statusCode).toBe(503);
  });

  it('answers 503 to a bulk enqueue and to a status read', async () => {
    app = outageApp();

    const bulk = await app.inject({
      method: 'POST',
      url: '/api/jobs/invoice.month-end/bulk',
      headers: AUTH_HEADERS,
      payload: { jobs: [{ payload: monthEndPayload() }] },
    });
    const status = await app.inject({
      method: 'GET',
      url: '/api/jobs/invoice.generate/invoice-anything',
      headers: AUTH_HEADERS,
    });

    expect(bulk.json()).toMatchObject({ statusCode: 503, code: 'API_ERR_QUEUE_UNAVAILABLE' });
    expect(status.json()).toMatchObject({ statusCode: 503, code: 'API_ERR_QUEUE_UNAVAILABLE' });
  });

  it('still validates before touching the queue', async () => {
    app = outageApp();

    const response = await app.inject({
      method: 'POST',
      url: '/api/jobs/invoice.generate',
      headers: AUTH_HEADERS,
      payload: { payload: { schemaVersion: 1 } },
    });

    expect(response.json()).toMatchObject({ code: 'API_ERR_PAYLOAD_INVALID' });
  });
});

describe('when Redis goes away and comes back', () => {
  it('answers 503 during the outage and recovers without a restart', async () => {
    const relay = new RedisRelay();
    await relay.start();
    const config = testConfig({ redisUrl: relay.url(), enqueueTimeoutMs: 500 });
    const app = buildApp({ config });
    const direct = new Redis(TEST_REDIS_URL);
    const enqueue = (key: string) =>
      app.inject({
        method: 'POST',
        url: '/api/jobs/invoice.generate',
        headers: AUTH_HEADERS,
        payload: { payload: invoicePayload(), options: { idempotencyKey: key } },
      });
    const ready = async () =>
      (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200;
    const stored = async (key: string) =>
      (await direct.exists(`${config.redisKeyPrefix}:invoice:${key}`)) === 1;

    try {
      await waitFor(ready);
      expect((await enqueue('invoice-before')).statusCode).toBe(202);

      await relay.cut();
      const during = await enqueue('invoice-during');
      expect(during.json()).toMatchObject({ code: 'API_ERR_QUEUE_UNAVAILABLE' });
      expect(await stored('invoice-during')).toBe(false);

      await relay.start();
      await waitFor(ready, 20_000);
      expect((await enqueue('invoice-after')).statusCode).toBe(202);
      expect(await stored('invoice-before')).toBe(true);
      expect(await stored('invoice-after')).toBe(true);
    } finally {
      await app.close();
      await relay.cut();
      await removeKeys(direct, config.redisKeyPrefix);
      await direct.quit();
    }
  });
});
