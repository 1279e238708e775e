// The month-end invoice run end to end, with real parts only: the API (in-process, through
// inject) enqueues into Redis; the worker renders PDFs into S3 (s3rver) and emails them over
// SMTP (smtp-server); invoices and the effects ledger live in PostgreSQL.

import { randomUUID } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Queue, QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../apps/api/src/app.js';
import { loadApiConfig } from '../apps/api/src/config.js';
import { loadWorkerConfig } from '../apps/worker/src/config.js';
import { createLogger } from '../apps/worker/src/logger.js';
import { seedDemo } from '../apps/worker/src/seed/seed.js';
import { type RunningWorker, startWorker } from '../apps/worker/src/worker.js';
import { type S3Server, startS3Server } from './helpers/s3-server.js';
import { testDatabaseUrl, testRedisUrl } from './helpers/services.js';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait-for.js';

const TOKEN = 'tok-e2e-test-3a9f1c7e5b2d4f6a8c0e1b3d5f7a9c2e';
const BUCKET = 'imobibase-e2e';
const PERIOD = '2031-01';

let s3: S3Server;
let smtp: SmtpSink;
let pool: pg.Pool;
let redis: Redis;
let prefix: string;
let worker: RunningWorker;
let api: FastifyInstance;
let agencyId: string;
let activeLeases: number;

async function objectBytes(key: string): Promise<Buffer> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const bytes = Buffer.from((await response.Body?.transformToByteArray()) ?? []);
  client.destroy();
  return bytes;
}

function enqueueMonthEnd(idempotencyKey: string) {
  return api.inject({
    method: 'POST',
    url: '/api/jobs/invoice.month-end',
    headers: { authorization: `Bearer ${TOKEN}` },
    payload: {
      payload: { schemaVersion: 1, agencyId, period: PERIOD },
      options: { idempotencyKey },
    },
  });
}

async function waitForJob(queueName: string, jobId: string): Promise<unknown> {
  const queue = new Queue(queueName, { connection: redis, prefix });
  const events = new QueueEvents(queueName, { connection: redis.duplicate(), prefix });
  try {
    await events.waitUntilReady();
    const job = await queue.getJob(jobId);
    if (!job) {
      throw new Error(`job ${jobId} not found`);
    }
    return await job.waitUntilFinished(events, 30_000);
  } finally {
    await events.close();
    await queue.close();
  }
}

beforeAll(async () => {
  [s3, smtp] = await Promise.all([startS3Server(), startSmtpSink()]);
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  prefix = `test-${randomUUID()}`;

  const seeded = await seedDemo(pool, { leases: 6 });
  agencyId = seeded.agencyId;
  const { rows } = await pool.query(
    "SELECT count(*)::int AS count FROM leases WHERE agency_id = $1 AND status = 'active'",
    [agencyId],
  );
  activeLeases = rows[0].count;

  const env = {
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: prefix,
    DATABASE_URL: testDatabaseUrl(),
    STORAGE_DRIVER: 's3',
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'silent',
  };
  const workerConfig = loadWorkerConfig(env);
  worker = await startWorker(workerConfig, createLogger('silent'));
  const storage = worker.services.storage as { ensureBucket?: () => Promise<void> };
  await storage.ensureBucket?.();

  api = buildApp({
    config: loadApiConfig({ ...env, API_SERVICE_TOKENS: `main-app=${TOKEN}` }),
  });
  await api.ready();
});

afterAll(async () => {
  await api?.close();
  await worker?.stop();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) {
    await redis.del(...keys);
  }
  await redis?.quit();
  await pool?.end();
  await Promise.all([s3?.close(), smtp?.close()]);
});

describe('the month-end invoice run', () => {
  let monthEndJobId: string;

  it('goes from one API call to a PDF in S3 and an email per active lease', async () => {
    const response = await enqueueMonthEnd(`month-end-${agencyId}-${PERIOD}`);

    expect(response.statusCode).toBe(202);
    monthEndJobId = response.json().id;
    await smtp.waitForCount(activeLeases);

    const sent = await waitFor(
      async () => {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS count FROM invoices
            WHERE agency_id = $1 AND period = $2 AND status = 'sent'`,
          [agencyId, PERIOD],
        );
        return rows[0].count === activeLeases && rows[0].count;
      },
      { what: 'every invoice marked sent' },
    );
    expect(sent).toBe(activeLeases);
    expect(smtp.received).toHaveLength(activeLeases);
  });

  it('attaches to each email the very bytes stored in S3', async () => {
    const { rows: invoices } = await pool.query(
      `SELECT i.pdf_storage_key, r.email FROM invoices i
         JOIN leases l ON l.id = i.lease_id JOIN renters r ON r.id = l.renter_id
        WHERE i.agency_id = $1 AND i.period = $2`,
      [agencyId, PERIOD],
    );

    for (const invoice of invoices) {
      const message = smtp.received.find((m) => m.recipients.includes(invoice.email));
      expect(message, 'an email to each renter').toBeDefined();
      const parsed = await simpleParser(message?.raw ?? Buffer.alloc(0));
      const attachment = parsed.attachments[0];
      const stored = await objectBytes(invoice.pdf_storage_key);

      expect(stored.subarray(0, 5).toString()).toBe('%PDF-');
      expect(attachment?.contentType).toBe('application/pdf');
      expect(attachment?.content.equals(stored)).toBe(true);
      expect(parsed.subject).toContain('Sua fatura');
    }
  });

  it('answers 200 with the same job when the same run is requested again', async () => {
    const response = await enqueueMonthEnd(`month-end-${agencyId}-${PERIOD}`);

    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe(monthEndJobId);
  });

  it('creates no invoice and sends no email when the period is run again', async () => {
    const before = smtp.received.length;

    const response = await enqueueMonthEnd(`month-end-${agencyId}-${PERIOD}-again`);
    expect(response.statusCode).toBe(202);
    const result = await waitForJob('invoice', response.json().id);

    expect(result).toEqual({ invoices: activeLeases, created: 0, enqueued: 0 });
    const { rows } = await pool.query(
      'SELECT count(*)::int AS count FROM invoices WHERE agency_id = $1 AND period = $2',
      [agencyId, PERIOD],
    );
    expect(rows[0].count).toBe(activeLeases);
    expect(smtp.received.length).toBe(before);
  });

  it('sends nothing more when an email job that already sent runs again', async () => {
    const before = smtp.received.length;
    const queue = new Queue('email', { connection: redis, prefix });
    const [sentJob] = await queue.getJobs(['completed'], 0, 0);
    expect(sentJob).toBeDefined();

    await sentJob?.retry('completed');
    const result = await waitForJob('email', sentJob?.id ?? '');

    expect(result).toMatchObject({ status: 'skipped-already-sent' });
    expect(smtp.received.length).toBe(before);
    await queue.close();
  });
});
