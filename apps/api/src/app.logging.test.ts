import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import {
  AUTH_HEADERS,
  MAIN_APP,
  memoryLogger,
  removeKeys,
  TEST_REDIS_URL,
  testConfig,
} from './test-helpers.js';

// Invented values a payload might carry; none of them may reach a log line.
const RENTER_EMAIL = 'renata.quintal@example.test';
const RENTER_NAME = 'Renata Quintal Invented';
const SECRET_VARIABLE = 'reset-code-7QX9-INVENTED';

const emailPayload = {
  schemaVersion: 1,
  category: 'transactional',
  template: 'password-reset',
  locale: 'pt-BR',
  to: { email: RENTER_EMAIL, name: RENTER_NAME },
  variables: { resetCode: SECRET_VARIABLE },
};

describe('request logging', () => {
  const config = testConfig();
  const { logger, lines } = memoryLogger();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = buildApp({ config, logger });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    const redis = new Redis(TEST_REDIS_URL);
    await removeKeys(redis, config.redisKeyPrefix);
    await redis.quit();
  });

  it('never logs the Authorization header or payload values', async () => {
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/jobs/email.send',
      headers: { ...AUTH_HEADERS, cookie: 'session=invented-cookie-value' },
      payload: { payload: emailPayload },
    });
    const rejected = await app.inject({
      method: 'POST',
      url: '/api/jobs/email.send',
      headers: AUTH_HEADERS,
      payload: { payload: { ...emailPayload, to: { email: RENTER_EMAIL, name: 7 } } },
    });
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/jobs/email.send',
      headers: { ...AUTH_HEADERS, 'content-type': 'application/json' },
      payload: `{"payload": {"to": "${RENTER_EMAIL}"`,
    });

    expect([accepted.statusCode, rejected.statusCode, badJson.statusCode]).toEqual([202, 400, 400]);
    const text = JSON.stringify(lines());
    expect(lines().length).toBeGreaterThan(5);
    for (const secret of [
      MAIN_APP.token,
      RENTER_EMAIL,
      RENTER_NAME,
      SECRET_VARIABLE,
      'invented-cookie-value',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('binds the request id and the calling service to every line of a request', async () => {
    const requestId = `req-${randomUUID()}`;

    const response = await app.inject({
      method: 'POST',
      url: '/api/jobs/invoice.generate',
      headers: { ...AUTH_HEADERS, 'x-request-id': requestId },
      payload: { payload: { schemaVersion: 1, invoiceId: 'nope' } },
    });

    expect(response.headers['x-request-id']).toBe(requestId);
    const ours = lines().filter((line) => line.reqId === requestId);
    const messages = ours.map((line) => line.msg);
    expect(messages).toEqual(['incoming request', 'request rejected', 'request completed']);
    const rejected = ours.find((line) => line.msg === 'request rejected');
    expect(rejected).toMatchObject({
      level: 30,
      caller: 'main-app',
      code: 'API_ERR_PAYLOAD_INVALID',
      statusCode: 400,
    });
    // A caller's mistake is logged without a stack trace.
    expect(rejected).not.toHaveProperty('err');
    expect(ours.at(-1)).toMatchObject({ caller: 'main-app', res: { statusCode: 400 } });
  });

  it('replaces an unsafe incoming request id with a fresh one', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'forged\nline' },
    });

    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('server error logging', () => {
  it('logs a 5xx at error level with the cause', async () => {
    const { logger, lines } = memoryLogger();
    const app = buildApp({
      config: testConfig({ redisUrl: 'redis://127.0.0.1:1', enqueueTimeoutMs: 200 }),
      logger,
    });

    const response = await app.inject({
      method: 'POST',
      url: '/api/jobs/invoice.generate',
      headers: AUTH_HEADERS,
      payload: { payload: { schemaVersion: 1, invoiceId: randomUUID() } },
    });
    await app.close();

    expect(response.statusCode).toBe(503);
    const failed = lines().find((line) => line.msg === 'request failed');
    expect(failed).toMatchObject({ level: 50, caller: 'main-app' });
    expect(failed?.err).toMatchObject({ code: 'API_ERR_QUEUE_UNAVAILABLE' });
  });
});
