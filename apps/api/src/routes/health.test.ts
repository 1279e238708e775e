import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { testConfig } from '../test-helpers.js';

// Nothing listens on port 1 of the loopback: connections are refused at once.
const UNREACHABLE_REDIS_URL = 'redis://127.0.0.1:1';

describe('health routes', () => {
  let app: FastifyInstance | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers live while the process runs, even without Redis', async () => {
    app = buildApp({ config: testConfig({ redisUrl: UNREACHABLE_REDIS_URL }) });

    const response = await app.inject({ method: 'GET', url: '/health/live' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers ready 200 when Redis answers', async () => {
    app = buildApp({ config: testConfig() });

    const response = await app.inject({ method: 'GET', url: '/health/ready' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', redis: 'ok' });
  });

  it('answers ready 503 when Redis is unreachable', async () => {
    app = buildApp({ config: testConfig({ redisUrl: UNREACHABLE_REDIS_URL }) });

    const response = await app.inject({ method: 'GET', url: '/health/ready' });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', redis: 'unavailable' });
  });
});
