import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import type { ErasedProcessorMap, JobContext } from './processor.js';
import { WorkerHost } from './worker-host.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const INVOICE_ID = '0b7c4c1e-8d5f-4a3e-9f1a-2c3d4e5f6a7b';
const VALID_PAYLOAD = { schemaVersion: 1, invoiceId: INVOICE_ID };

interface Harness {
  connection: Redis;
  prefix: string;
  queue: Queue;
  events: QueueEvents;
  logLines: Record<string, unknown>[];
  host?: WorkerHost;
}

let harness: Harness;

function startHost(processors: ErasedProcessorMap): WorkerHost {
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        harness.logLines.push(JSON.parse(line));
      }
      callback();
    },
  });
  harness.host = new WorkerHost({
    connection: harness.connection,
    prefix: harness.prefix,
    queues: ['invoice'],
    concurrency: { invoice: 2 },
    processors,
    logger: createLogger('info', destination),
  });
  return harness.host;
}

/** A processor that stays active until the test releases it or it is aborted. */
function heldProcessor() {
  let release: () => void = () => {};
  let started: () => void = () => {};
  const whenStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const processor = (_job: unknown, { signal }: JobContext) =>
    new Promise((resolve, reject) => {
      started();
      release = () => resolve({ invoiceId: INVOICE_ID, storageKey: 'k', emailJobId: 'e' });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  return { processor, whenStarted, release: () => release() };
}

beforeEach(async () => {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = `test-${randomUUID()}`;
  const events = new QueueEvents('invoice', { connection: connection.duplicate(), prefix });
  await events.waitUntilReady();
  harness = {
    connection,
    prefix,
    queue: new Queue('invoice', { connection, prefix }),
    events,
    logLines: [],
  };
});

afterEach(async () => {
  await harness.host?.close({ graceMs: 0, abortGraceMs: 1000 });
  await harness.events.close();
  await harness.queue.obliterate({ force: true });
  await harness.queue.close();
  await harness.connection.quit();
});

describe('when the payload does not match the contract', () => {
  it('fails at once without retrying, naming the field', async () => {
    let calls = 0;
    startHost({
      invoice: {
        'invoice.generate': async () => {
          calls += 1;
          return {};
        },
      },
    });
    await harness.host?.start();

    const job = await harness.queue.add(
      'invoice.generate',
      { schemaVersion: 1, invoiceId: 'not-a-uuid' },
      { attempts: 3 },
    );
    await expect(job.waitUntilFinished(harness.events, 10_000)).rejects.toThrow(/invoiceId/);

    const failed = await harness.queue.getJob(job.id ?? '');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/^CONTRACT_ERR_PAYLOAD_INVALID: /);
    expect(failed?.failedReason).toContain('invoiceId: must be a uuid');
    expect(calls).toBe(0);
  });
});

describe('when a processor throws an error that retrying cannot fix', () => {
  it('fails without spending the remaining attempts', async () => {
    const permanent = Object.assign(new Error('invoice is malformed'), {
      code: 'TEST_ERR_PERMANENT',
      retryable: false,
    });
    startHost({ invoice: { 'invoice.generate': async () => Promise.reject(permanent) } });
    await harness.host?.start();

    const job = await harness.queue.add('invoice.generate', VALID_PAYLOAD, { attempts: 3 });
    await expect(job.waitUntilFinished(harness.events, 10_000)).rejects.toThrow(
      'TEST_ERR_PERMANENT: invoice is malformed',
    );

    expect((await harness.queue.getJob(job.id ?? ''))?.attemptsMade).toBe(1);
  });
});

describe('each job run', () => {
  it('logs one summary line with duration and outcome, and never the payload', async () => {
    startHost({
      invoice: {
        'invoice.generate': async () => ({
          invoiceId: INVOICE_ID,
          storageKey: 'k',
          emailJobId: 'e',
        }),
      },
    });
    await harness.host?.start();

    const job = await harness.queue.add('invoice.generate', VALID_PAYLOAD);
    await job.waitUntilFinished(harness.events, 10_000);

    const summaries = harness.logLines.filter((line) => line.msg === 'job finished');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      queue: 'invoice',
      jobName: 'invoice.generate',
      jobId: job.id,
      attempt: 1,
      outcome: 'completed',
    });
    expect(typeof summaries[0]?.durationMs).toBe('number');
    expect(JSON.stringify(harness.logLines)).not.toContain(INVOICE_ID);
  });
});

describe('graceful shutdown', () => {
  it('lets an active job finish within the grace period', async () => {
    const held = heldProcessor();
    const host = startHost({ invoice: { 'invoice.generate': held.processor } });
    await host.start();
    const job = await harness.queue.add('invoice.generate', VALID_PAYLOAD);
    await held.whenStarted;

    const closing = host.close({ graceMs: 30_000, abortGraceMs: 1000 });
    held.release();

    expect(await closing).toBe(true);
    expect(await harness.queue.getJobState(job.id ?? '')).toBe('completed');
  });

  it('hands a job still active past the grace period back to the queue', async () => {
    const held = heldProcessor();
    const host = startHost({ invoice: { 'invoice.generate': held.processor } });
    await host.start();
    const job = await harness.queue.add('invoice.generate', VALID_PAYLOAD, { attempts: 3 });
    await held.whenStarted;

    expect(await host.close({ graceMs: 100, abortGraceMs: 5000 })).toBe(true);

    const requeued = await harness.queue.getJob(job.id ?? '');
    expect(await requeued?.getState()).toBe('waiting');
    expect(requeued?.attemptsMade).toBe(0);
    expect(harness.logLines.some((line) => line.outcome === 'requeued')).toBe(true);
  });
});
