import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { createTokenMatcher } from './auth.js';
import {
  invoicePayload,
  MAIN_APP,
  OTHER_SERVICE,
  removeKeys,
  TEST_REDIS_URL,
  testConfig,
} from './test-helpers.js';

describe('createTokenMatcher', () => {
  const match = createTokenMatcher([MAIN_APP, OTHER_SERVICE]);

  it('names the service whose token matches', () => {
    expect(match(MAIN_APP.token)).toBe('main-app');
    expect(match(OTHER_SERVICE.token)).toBe('billing-cron');
  });

  it('matches nothing for a wrong, truncated or extended token', () => {
    expect(match('tok-someone-else-0000000000000000000000000')).toBeUndefined();
    expect(match(MAIN_APP.token.slice(0, -1))).toBeUndefined();
    expect(match(`${MAIN_APP.token}x`)).toBeUndefined();
    expect(match('')).toBeUndefined();
  });
});

describe('authentication of /api routes', () => {
  const config = testConfig();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = buildApp({ config });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    const redis = new Redis(TEST_REDIS_URL);
    await removeKeys(redis, config.redisKeyPrefix);
    await redis.quit();
  });

  const enqueueWith = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/jobs/invoice.generate',
      headers,
      payload: { payload: invoicePayload() },
    });

  it('answers 401 API_ERR_AUTH_MISSING without an Authorization header', async () => {
    const response = await enqueueWith({});

    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      statusCode: 401,
      code: 'API_ERR_AUTH_MISSING',
      error: 'Unauthorized',
      message: 'missing bearer token in the Authorization header',
    });
  });

  it('answers 401 API_ERR_AUTH_INVALID for a wrong token', async () => {
    const response = await enqueueWith({
      authorization: 'Bearer tok-wrong-00000000000000000000000000000000',
    });

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'API_ERR_AUTH_INVALID' });
  });

  it('answers 401 API_ERR_AUTH_INVALID for another scheme', async () => {
    const response = await enqueueWith({ authorization: `Basic ${MAIN_APP.token}` });

    expect(response.json()).toMatchObject({ code: 'API_ERR_AUTH_INVALID' });
  });

  it('checks the token before the job name', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/jobs/no.such-job' });

    expect(response.json()).toMatchObject({ code: 'API_ERR_AUTH_MISSING' });
  });

  it('accepts any configured service', async () => {
    const response = await enqueueWith({ authorization: `bearer ${OTHER_SERVICE.token}` });

    expect(response.statusCode).toBe(202);
  });

  it('leaves the health routes open', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });

    expect(response.statusCode).toBe(200);
  });
});
