/**
 * Default options of every job, and the per-queue concurrency the worker starts with. Job types
 * may override the job options in their definition; the worker may override concurrency by
 * environment.
 */
import type { QueueName } from './queues.js';

const SECOND_MS = 1000;
const HOUR_S = 60 * 60;
const DAY_S = 24 * HOUR_S;

/** Options BullMQ applies to a job, as far as the contract sets them. */
export interface JobDefaults {
  /** Runs in all, the first included. @defaultValue 3 */
  attempts: number;
  /** Exponential backoff: the n-th retry waits `delayMs * 2^(n-1)`. @defaultValue 5 s */
  backoff: { type: 'exponential'; delay: number };
  /** Completed jobs are kept this long (seconds) and at most this many per queue. */
  removeOnComplete: { age: number; count: number };
  /** Failed jobs are kept this long (seconds), for operators to inspect and retry. */
  removeOnFail: { age: number };
}

/** What every job gets unless its definition says otherwise. */
export const DEFAULT_JOB_OPTIONS: JobDefaults = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5 * SECOND_MS },
  removeOnComplete: { age: DAY_S, count: 1000 },
  removeOnFail: { age: 7 * DAY_S },
};

/** Jobs processed at once per queue by one worker replica. */
export const DEFAULT_CONCURRENCY: Readonly<Record<QueueName, number>> = {
  email: 10,
  invoice: 5,
  report: 3,
  'payment-reminder': 5,
  backup: 1,
  cleanup: 2,
  notification: 10,
  export: 3,
  'integration-sync': 2,
};

/** Largest BullMQ priority (2^21 - 1); 1 is taken first. */
export const MAX_PRIORITY = 2_097_151;

/** Longest accepted delay, in milliseconds (366 days): a longer one is a unit mistake. */
export const MAX_DELAY_MS = 366 * DAY_S * SECOND_MS;

/** Largest serialized payload accepted by default, in bytes (64 KiB). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
