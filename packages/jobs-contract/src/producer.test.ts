import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from './errors.js';
import { JobsClient } from './producer.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AGENCY_ID = '5f0e8a52-2d7b-4c11-8a3e-6b9d0c1f2e3a';

let connection: Redis;
let prefix: string;
let client: JobsClient;

async function keysOf(pattern: string): Promise<string[]> {
  return connection.keys(pattern);
}

beforeAll(() => {
  connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
});

afterAll(async () => {
  await connection.quit();
});

beforeEach(() => {
  prefix = `test-${randomUUID()}`;
  client = new JobsClient({ connection, prefix });
});

afterEach(async () => {
  await client.close();
  const keys = await keysOf(`${prefix}:*`);
  if (keys.length > 0) {
    await connection.del(...keys);
  }
});

describe('JobsClient.enqueue', () => {
  it('stores the job on its queue with the catalogue defaults', async () => {
    const payload = { schemaVersion: 1 as const, agencyId: AGENCY_ID, period: '2026-11' };

    const result = await client.enqueue('invoice.month-end', payload);

    expect(result).toMatchObject({ name: 'invoice.month-end', queue: 'invoice', created: true });
    const job = await client.queueOf('invoice.month-end').getJob(result.id);
    expect(job?.data).toEqual(payload);
    expect(job?.opts.attempts).toBe(3);
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 5000 });
  });

  it('stores a job once per idempotency key and reports the existing one', async () => {
    const payload = { schemaVersion: 1 as const, agencyId: AGENCY_ID, period: '2026-11' };
    const jobId = `month-end-${AGENCY_ID}-2026-11`;

    const first = await client.enqueue('invoice.month-end', payload, { jobId });
    const second = await client.enqueue('invoice.month-end', payload, { jobId });

    expect(first).toMatchObject({ id: jobId, created: true, state: 'waiting' });
    expect(second).toMatchObject({ id: jobId, created: false, state: 'waiting' });
    expect(await client.queueOf('invoice.month-end').getJobCounts('waiting')).toEqual({
      waiting: 1,
    });
  });

  it('never reaches Redis with an invalid payload', async () => {
    const bad = { schemaVersion: 1, invoiceId: 'nope' } as unknown as {
      schemaVersion: 1;
      invoiceId: string;
    };

    await expect(client.enqueue('invoice.generate', bad)).rejects.toBeInstanceOf(ContractError);
    expect(await keysOf(`${prefix}:*`)).toEqual([]);
  });

  it('refuses an id that a job of another type on the same queue holds', async () => {
    const jobId = 'shared-key-1';
    await client.enqueue('invoice.generate', { schemaVersion: 1, invoiceId: AGENCY_ID }, { jobId });

    const payload = { schemaVersion: 1 as const, agencyId: AGENCY_ID, period: '2026-11' };
    const error = await client.enqueue('invoice.month-end', payload, { jobId }).catch((e) => e);

    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('CONTRACT_ERR_JOB_ID_TAKEN');
  });

  it('refuses an invalid job id and invalid options', async () => {
    const payload = { schemaVersion: 1 as const, invoiceId: AGENCY_ID };

    await expect(client.enqueue('invoice.generate', payload, { jobId: '42' })).rejects.toThrow(
      /job id/,
    );
    await expect(client.enqueue('invoice.generate', payload, { delay: -1 })).rejects.toThrow(
      /delay/,
    );
    await expect(client.enqueue('invoice.generate', payload, { delay: 1e300 })).rejects.toThrow(
      /delay/,
    );
    // BullMQ's largest priority is 2^21 - 1; one more would fail inside Redis instead.
    await expect(
      client.enqueue('invoice.generate', payload, { priority: 2_097_152 }),
    ).rejects.toThrow(/priority/);
    await client.enqueue('invoice.generate', payload, { priority: 2_097_151 });
  });

  it('gives transactional email precedence over a campaign', async () => {
    const email = (category: 'transactional' | 'campaign') => ({
      schemaVersion: 1 as const,
      category,
      template: 'welcome' as const,
      locale: 'en' as const,
      to: { email: 'ana@example.test' },
      variables: {},
    });

    const campaign = await client.enqueueBulk(
      'email.send',
      Array.from({ length: 50 }, () => ({ payload: email('campaign') })),
    );
    const reset = await client.enqueue('email.send', email('transactional'));

    expect(campaign[0]?.state).toBe('prioritized');
    const next = await client.queueOf('email.send').getJobs(['prioritized'], 0, 0, true);
    expect(next[0]?.id).toBe(reset.id);
  });
});

describe('JobsClient.enqueueBulk', () => {
  it('enqueues every item, skipping ids that already exist', async () => {
    const items = Array.from({ length: 20 }, (_, index) => ({
      payload: { schemaVersion: 1 as const, invoiceId: AGENCY_ID },
      options: { jobId: `invoice-bulk-${index}` },
    }));
    const fourth = items[3];
    if (!fourth) {
      throw new Error('fixture has fewer than four items');
    }
    await client.enqueue('invoice.generate', fourth.payload, fourth.options);

    const results = await client.enqueueBulk('invoice.generate', items);

    expect(results.filter((result) => result.created)).toHaveLength(19);
    expect(results[3]).toMatchObject({ id: 'invoice-bulk-3', created: false });
    expect(await client.queueOf('invoice.generate').getWaitingCount()).toBe(20);
  });

  it('stores a lone new item with the same options as a batch would', async () => {
    const payload = { schemaVersion: 1 as const, invoiceId: AGENCY_ID };
    await client.enqueue('invoice.generate', payload, { jobId: 'invoice-lone-0' });

    const results = await client.enqueueBulk('invoice.generate', [
      { payload, options: { jobId: 'invoice-lone-0' } },
      { payload, options: { jobId: 'invoice-lone-1', delay: 60_000 } },
    ]);

    expect(results.map((result) => result.created)).toEqual([false, true]);
    expect(results[1]).toMatchObject({ id: 'invoice-lone-1', state: 'delayed' });
    const job = await client.queueOf('invoice.generate').getJob('invoice-lone-1');
    expect(job?.opts).toMatchObject({ attempts: 3, delay: 60_000 });
    expect(await job?.getState()).toBe('delayed');
  });

  it('enqueues nothing when one item is invalid, naming its index', async () => {
    const items = [
      { payload: { schemaVersion: 1 as const, invoiceId: AGENCY_ID } },
      { payload: { schemaVersion: 1 as const, invoiceId: 'x' } },
    ];

    const error = await client.enqueueBulk('invoice.generate', items).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).issues[0]?.path).toBe('1/invoiceId');
    expect(await keysOf(`${prefix}:*`)).toEqual([]);
  });
});

describe('a connection with an ioredis keyPrefix', () => {
  it('is refused with a clear error', async () => {
    const prefixed = new Redis(REDIS_URL, { keyPrefix: 'app:', lazyConnect: true });

    expect(() => new JobsClient({ connection: prefixed })).toThrow(/keyPrefix/);
    prefixed.disconnect();
  });
});
