import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import {
  AUTH_HEADERS,
  invoicePayload,
  monthEndPayload,
  removeKeys,
  TEST_REDIS_URL,
  testConfig,
} from '../test-helpers.js';

const config = testConfig();
let redis: Redis;
let app: FastifyInstance;
let invoiceQueue: Queue;

beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL);
  app = buildApp({ config });
  await app.ready();
  invoiceQueue = new Queue('invoice', { connection: redis, prefix: config.redisKeyPrefix });
});

afterAll(async () => {
  await app.close();
  await invoiceQueue.close();
  await removeKeys(redis, config.redisKeyPrefix);
  await redis.quit();
});

const enqueue = (name: string, body: object) =>
  app.inject({ method: 'POST', url: `/api/jobs/${name}`, headers: AUTH_HEADERS, payload: body });

const enqueueBulk = (name: string, body: object) =>
  app.inject({
    method: 'POST',
    url: `/api/jobs/${name}/bulk`,
    headers: AUTH_HEADERS,
    payload: body,
  });

describe('POST /api/jobs/:name', () => {
  it('answers 202 with the stored job', async () => {
    const response = await enqueue('invoice.generate', { payload: invoicePayload() });

    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      name: 'invoice.generate',
      queue: 'invoice',
      state: 'waiting',
    });
    const job = await invoiceQueue.getJob(body.id);
    expect(job?.name).toBe('invoice.generate');
  });

  it('answers 202 then 200 with the same id for a repeated idempotency key', async () => {
    const invoiceId = randomUUID();
    const body = {
      payload: invoicePayload(invoiceId),
      options: { idempotencyKey: `invoice-${invoiceId}` },
    };

    const first = await enqueue('invoice.generate', body);
    const second = await enqueue('invoice.generate', body);

    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(200);
    expect(first.json().id).toBe(`invoice-${invoiceId}`);
    expect(second.json()).toEqual(first.json());
    expect(await invoiceQueue.getJobCountByTypes('waiting')).toBeGreaterThan(0);
  });

  it('applies delay and priority', async () => {
    const delayed = await enqueue('invoice.generate', {
      payload: invoicePayload(),
      options: { delay: 60_000 },
    });
    const prioritized = await enqueue('invoice.generate', {
      payload: invoicePayload(),
      options: { priority: 3 },
    });

    expect(delayed.json().state).toBe('delayed');
    expect(prioritized.json().state).toBe('prioritized');
    expect(await invoiceQueue.getJobState(delayed.json().id)).toBe('delayed');
  });

  it('answers 404 API_ERR_JOB_UNKNOWN for a name outside the catalogue', async () => {
    const response = await enqueue('invoice.shred', { payload: invoicePayload() });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, code: 'API_ERR_JOB_UNKNOWN' });
  });

  it('answers 404 API_ERR_JOB_UNAVAILABLE for a job type no worker processes yet', async () => {
    const response = await enqueue('backup.run', {
      payload: { schemaVersion: 1, retentionDays: 30 },
    });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'API_ERR_JOB_UNAVAILABLE' });
  });

  it('answers 409 when the idempotency key belongs to another job type', async () => {
    const key = 'shared-key-conflict';
    await enqueue('invoice.generate', {
      payload: invoicePayload(),
      options: { idempotencyKey: key },
    });

    const response = await enqueue('invoice.month-end', {
      payload: { schemaVersion: 1, agencyId: invoicePayload().invoiceId, period: '2026-11' },
      options: { idempotencyKey: key },
    });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'API_ERR_IDEMPOTENCY_KEY_CONFLICT' });
  });

  it('answers 400 API_ERR_PAYLOAD_INVALID naming the field', async () => {
    const response = await enqueue('invoice.generate', {
      payload: { schemaVersion: 1, invoiceId: 'not-a-uuid' },
    });

    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ code: 'API_ERR_PAYLOAD_INVALID', error: 'Bad Request' });
    expect(body.message).toMatch(/^payload\/invoiceId: /);
    expect(body.message).not.toContain('not-a-uuid');
  });

  it('answers 400 API_ERR_BODY_INVALID for a bad envelope', async () => {
    const missing = await enqueue('invoice.generate', { options: {} });
    const badDelay = await enqueue('invoice.generate', {
      payload: invoicePayload(),
      options: { delay: -1 },
    });
    const unknownOption = await enqueue('invoice.generate', {
      payload: invoicePayload(),
      options: { attempts: 50 },
    });

    expect(missing.json()).toMatchObject({
      code: 'API_ERR_BODY_INVALID',
      message: 'payload: is required',
    });
    expect(badDelay.json()).toMatchObject({ code: 'API_ERR_BODY_INVALID' });
    expect(badDelay.json().message).toMatch(/^options\/delay: /);
    expect(unknownOption.json().message).toBe('options/attempts: is not allowed');
  });

  it('answers 400 API_ERR_BODY_INVALID for a body that is not JSON', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/jobs/invoice.generate',
      headers: { ...AUTH_HEADERS, 'content-type': 'application/json' },
      payload: '{"payload": {"invoiceId": "secret-ish',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'API_ERR_BODY_INVALID' });
    expect(response.body).not.toContain('secret-ish');
  });

  it.each(['text/csv', 'text/plain'])(
    'answers 415 API_ERR_BODY_MEDIA_TYPE for a %s body',
    async (contentType) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/jobs/invoice.generate',
        headers: { ...AUTH_HEADERS, 'content-type': contentType },
        payload: 'a,b,c',
      });

      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ code: 'API_ERR_BODY_MEDIA_TYPE' });
    },
  );

  it('answers 413 API_ERR_PAYLOAD_TOO_LARGE over the contract cap', async () => {
    const payload = { ...invoicePayload(), padding: 'x'.repeat(70 * 1024) };

    const response = await enqueue('invoice.generate', { payload });

    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'API_ERR_PAYLOAD_TOO_LARGE' });
  });

  it('answers 413 API_ERR_BODY_TOO_LARGE over the 1 MiB body limit', async () => {
    const payload = { ...invoicePayload(), padding: 'x'.repeat(1024 * 1024) };

    const response = await enqueue('invoice.generate', { payload });

    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'API_ERR_BODY_TOO_LARGE',
      message: 'request body exceeds the limit of 1048576 bytes',
    });
  });

  it.each([
    ['a colon', 'invoice:42'],
    ['only digits', '12345'],
    ['a space', 'invoice 42'],
    ['nothing', ''],
  ])('answers 400 API_ERR_IDEMPOTENCY_KEY_INVALID for a key with %s', async (_, key) => {
    const response = await enqueue('invoice.generate', {
      payload: invoicePayload(),
      options: { idempotencyKey: key },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'API_ERR_IDEMPOTENCY_KEY_INVALID' });
    expect(response.json().message).toMatch(/^options\/idempotencyKey: /);
  });
});

describe('POST /api/jobs/:name/bulk', () => {
  it('enqueues 1,000 jobs in one request', async () => {
    const name = 'invoice.month-end';
    const bulkConfig = testConfig();
    const bulkApp = buildApp({ config: bulkConfig });
    const queue = new Queue('invoice', { connection: redis, prefix: bulkConfig.redisKeyPrefix });
    const jobs = Array.from({ length: 1000 }, () => ({ payload: monthEndPayload() }));

    try {
      const response = await bulkApp.inject({
        method: 'POST',
        url: `/api/jobs/${name}/bulk`,
        headers: AUTH_HEADERS,
        payload: { jobs },
      });

      expect(response.statusCode).toBe(202);
      const body = response.json();
      expect(body.jobs).toHaveLength(1000);
      expect(body.jobs[0]).toEqual({
        id: expect.any(String),
        name,
        queue: 'invoice',
        state: 'waiting',
        created: true,
      });
      expect(new Set(body.jobs.map((job: { id: string }) => job.id)).size).toBe(1000);
      expect(await queue.getJobCountByTypes('waiting')).toBe(1000);
    } finally {
      await bulkApp.close();
      await queue.close();
      await removeKeys(redis, bulkConfig.redisKeyPrefix);
    }
  });

  it('enqueues nothing when one item is invalid, naming its index and field', async () => {
    const agencyId = randomUUID();
    const jobs = Array.from({ length: 5 }, (_, index) => ({
      payload: monthEndPayload(),
      options: { idempotencyKey: `month-end-${agencyId}-${index}` },
    }));
    jobs[3] = { payload: monthEndPayload('2026-13'), options: jobs[3]?.options ?? {} } as never;

    const response = await enqueueBulk('invoice.month-end', { jobs });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'API_ERR_PAYLOAD_INVALID' });
    expect(response.json().message).toMatch(/^jobs\/3\/payload\/period: /);
    for (let index = 0; index < 5; index += 1) {
      expect(await invoiceQueue.getJob(`month-end-${agencyId}-${index}`)).toBeUndefined();
    }
  });

  it('names the item of an invalid idempotency key and enqueues nothing', async () => {
    const agencyId = randomUUID();
    const jobs = [
      { payload: monthEndPayload(), options: { idempotencyKey: `month-end-${agencyId}` } },
      { payload: monthEndPayload(), options: { idempotencyKey: '2026' } },
    ];

    const response = await enqueueBulk('invoice.month-end', { jobs });

    expect(response.json()).toMatchObject({
      code: 'API_ERR_IDEMPOTENCY_KEY_INVALID',
      message: expect.stringMatching(/^jobs\/1\/options\/idempotencyKey: /),
    });
    expect(await invoiceQueue.getJob(`month-end-${agencyId}`)).toBeUndefined();
  });

  it('reports created: false for items whose key already exists', async () => {
    const invoiceId = randomUUID();
    const existing = {
      payload: invoicePayload(invoiceId),
      options: { idempotencyKey: `invoice-${invoiceId}` },
    };
    await enqueue('invoice.generate', existing);

    const response = await enqueueBulk('invoice.generate', {
      jobs: [existing, { payload: invoicePayload() }],
    });

    expect(response.statusCode).toBe(202);
    expect(response.json().jobs.map((job: { created: boolean }) => job.created)).toEqual([
      false,
      true,
    ]);
  });

  it('answers 413 API_ERR_BULK_TOO_LARGE over 1,000 items', async () => {
    const jobs = Array.from({ length: 1001 }, () => ({ payload: invoicePayload() }));

    const response = await enqueueBulk('invoice.generate', { jobs });

    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'API_ERR_BULK_TOO_LARGE' });
  });

  it('answers 400 API_ERR_BODY_INVALID for an empty batch', async () => {
    const response = await enqueueBulk('invoice.generate', { jobs: [] });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'API_ERR_BODY_INVALID' });
  });
});

describe('GET /api/jobs/:name/:id', () => {
  it('returns the state and progress of a job', async () => {
    const created = await enqueue('invoice.generate', { payload: invoicePayload() });
    const { id } = created.json();

    const response = await app.inject({
      method: 'GET',
      url: `/api/jobs/invoice.generate/${id}`,
      headers: AUTH_HEADERS,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id,
      name: 'invoice.generate',
      queue: 'invoice',
      state: 'waiting',
      progress: 0,
      attemptsMade: 0,
      timestamps: { createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
  });

  it('reads back a job whose idempotency key has the longest allowed length', async () => {
    const key = `invoice-${'k'.repeat(192)}`;
    await enqueue('invoice.generate', {
      payload: invoicePayload(),
      options: { idempotencyKey: key },
    });

    const response = await app.inject({
      method: 'GET',
      url: `/api/jobs/invoice.generate/${key}`,
      headers: AUTH_HEADERS,
    });

    expect(key).toHaveLength(200);
    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe(key);
  });

  it('answers 404 API_ERR_JOB_NOT_FOUND for an unknown id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/jobs/invoice.generate/invoice-does-not-exist',
      headers: AUTH_HEADERS,
    });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'API_ERR_JOB_NOT_FOUND' });
  });

  it('answers 404 when the id belongs to another job type of the same queue', async () => {
    const created = await enqueue('invoice.generate', { payload: invoicePayload() });

    const response = await app.inject({
      method: 'GET',
      url: `/api/jobs/invoice.month-end/${created.json().id}`,
      headers: AUTH_HEADERS,
    });

    expect(response.json()).toMatchObject({ code: 'API_ERR_JOB_NOT_FOUND' });
  });
});

describe('unknown routes', () => {
  it('answer 404 API_ERR_NOT_FOUND', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: AUTH_HEADERS,
    });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'API_ERR_NOT_FOUND', error: 'Not Found' });
  });
});
