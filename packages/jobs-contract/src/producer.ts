/**
 * The typed producer: the one way the main app, the API and the worker put jobs on queues.
 * It validates every payload before anything reaches Redis and applies the catalogue's
 * defaults, so callers pass only what is particular to their job.
 */
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_CATALOGUE, type JobName, type JobPayload, jobDefaults } from './catalogue.js';
import { DEFAULT_MAX_PAYLOAD_BYTES, MAX_DELAY_MS, MAX_PRIORITY } from './defaults.js';
import { ContractError, type ValidationIssue } from './errors.js';
import { assertValidJobId } from './job-ids.js';
import { EMAIL_PRIORITY, type SendEmailPayload } from './jobs/email.js';
import { type QueueName, REDIS_KEY_PREFIX } from './queues.js';
import { assertValidPayload } from './validation.js';

/** Per-call options of {@link JobsClient.enqueue}. */
export interface EnqueueOptions {
  /** Idempotency: a job with this id is stored once; enqueueing it again returns the first. */
  jobId?: string;
  /** Milliseconds to wait before the job may run, at most 366 days. @defaultValue 0 */
  delay?: number;
  /** BullMQ priority, 1 (first) to 2,097,151. Emails get one from their category. */
  priority?: number;
}

/** What happened to one enqueued job. */
export interface EnqueueResult {
  id: string;
  name: JobName;
  queue: QueueName;
  /** BullMQ state right after the call, such as `waiting`, `delayed` or `prioritized`. */
  state: string;
  /** False when a job with the same id already existed and nothing new was stored. */
  created: boolean;
}

/** One item of {@link JobsClient.enqueueBulk}. */
export interface BulkItem<Name extends JobName> {
  payload: JobPayload<Name>;
  options?: EnqueueOptions;
}

export interface JobsClientOptions {
  /** An ioredis connection without `keyPrefix` (BullMQ cannot work with one). */
  connection: Redis;
  /** Key prefix of every queue. @defaultValue {@link REDIS_KEY_PREFIX} */
  prefix?: string;
  /** Largest accepted payload, in bytes. @defaultValue 65536 */
  maxPayloadBytes?: number;
  /** Called with errors the queues emit (connection trouble); they never throw. */
  onQueueError?: (error: Error, queue: QueueName) => void;
}

export class JobsClient {
  readonly prefix: string;
  private readonly connection: Redis;
  private readonly maxPayloadBytes: number;
  private readonly onQueueError: (error: Error, queue: QueueName) => void;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(options: JobsClientOptions) {
    if (options.connection.options.keyPrefix) {
      throw new ContractError(
        'CONTRACT_ERR_KEY_PREFIX',
        'the Redis connection has an ioredis keyPrefix, which BullMQ does not support; ' +
          'remove it and let the JobsClient prefix option namespace the queues',
      );
    }
    this.connection = options.connection;
    this.prefix = options.prefix ?? REDIS_KEY_PREFIX;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.onQueueError = options.onQueueError ?? (() => {});
  }

  /** The BullMQ queue that jobs of type `name` go to (created on first use). */
  queueOf(name: JobName): Queue {
    const queueName = JOB_CATALOGUE[name].queue;
    let queue = this.queues.get(queueName);
    if (!queue) {
      queue = new Queue(queueName, { connection: this.connection, prefix: this.prefix });
      queue.on('error', (error) => this.onQueueError(error, queueName));
      this.queues.set(queueName, queue);
    }
    return queue;
  }

  /** Validates and enqueues one job. */
  async enqueue<Name extends JobName>(
    name: Name,
    payload: JobPayload<Name>,
    options: EnqueueOptions = {},
  ): Promise<EnqueueResult> {
    if (options.jobId === undefined) {
      return this.enqueueNew(name, { payload, options });
    }

    const [result] = await this.enqueueBulk(name, [{ payload, options }]);
    if (!result) {
      throw new Error('enqueueBulk returned no result for one item');
    }
    return result;
  }

  /**
   * Validates every item, then enqueues all of them in one Redis round trip. Nothing is
   * enqueued when any item is invalid; the error's issues are prefixed with the item index.
   */
  async enqueueBulk<Name extends JobName>(
    name: Name,
    items: readonly BulkItem<Name>[],
  ): Promise<EnqueueResult[]> {
    this.validateAll(name, items);
    if (items.length === 0) {
      return [];
    }

    const queue = this.queueOf(name);
    const queueName = JOB_CATALOGUE[name].queue;
    // Only items with an id can exist already; a call without any skips the look-up, and the
    // promise and turn of the event loop that it would cost.
    const existing = items.some((item) => item.options?.jobId !== undefined)
      ? await this.existingStates(queue, name, items)
      : new Map<string, string>();

    // Within one call the same id may appear twice; only its first item can be new.
    const seen = new Set<string>();
    const fresh: { index: number; opts: JobsOptions }[] = [];
    items.forEach((item, index) => {
      const jobId = item.options?.jobId;
      if (jobId !== undefined && (existing.has(jobId) || seen.has(jobId))) {
        return;
      }
      if (jobId !== undefined) {
        seen.add(jobId);
      }
      fresh.push({ index, opts: this.jobOptions(name, item) });
    });

    const added = await addJobs(
      queue,
      fresh.map(({ index, opts }) => ({ name, data: items[index]?.payload, opts })),
    );

    const addedByIndex = new Map<number, { id: string; opts: JobsOptions }>();
    fresh.forEach(({ index, opts }, position) => {
      addedByIndex.set(index, { id: added[position]?.id ?? '', opts });
    });

    return items.map((item, index) => {
      const jobId = item.options?.jobId;
      const addedJob = addedByIndex.get(index);
      if (addedJob !== undefined) {
        const state = initialState(addedJob.opts);
        return { id: addedJob.id, name, queue: queueName, state, created: true };
      }
      const state = jobId === undefined ? 'unknown' : (existing.get(jobId) ?? 'waiting');
      return { id: jobId ?? '', name, queue: queueName, state, created: false };
    });
  }

  /** Closes the queues. The connection belongs to the caller and stays open. */
  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  // A job without an id cannot exist already, so it needs neither the look-up nor a batch's
  // bookkeeping. Most calls come this way (every API request without an idempotency key), and
  // on a busy producer the saved allocations are a measurable share of an enqueue's CPU.
  private async enqueueNew<Name extends JobName>(
    name: Name,
    item: BulkItem<Name>,
  ): Promise<EnqueueResult> {
    assertValidPayload(name, item.payload, this.maxPayloadBytes);
    assertValidOptions(item.options ?? {});

    const opts = this.jobOptions(name, item);
    const job = await this.queueOf(name).add(name, item.payload, opts);
    const queue = JOB_CATALOGUE[name].queue;
    return { id: job.id ?? '', name, queue, state: initialState(opts), created: true };
  }

  private validateAll<Name extends JobName>(name: Name, items: readonly BulkItem<Name>[]): void {
    items.forEach((item, index) => {
      try {
        assertValidPayload(name, item.payload, this.maxPayloadBytes);
        assertValidOptions(item.options ?? {});
      } catch (error) {
        if (!(error instanceof ContractError) || items.length === 1) {
          throw error;
        }
        throw new ContractError(
          error.code,
          `item ${index}: ${error.message}`,
          error.issues.map(
            (issue): ValidationIssue => ({
              path: [String(index), issue.path].filter(Boolean).join('/'),
              message: issue.message,
            }),
          ),
        );
      }
    });
  }

  // One round trip tells which of the requested ids already exist, and their state.
  private async existingStates<Name extends JobName>(
    queue: Queue,
    name: Name,
    items: readonly BulkItem<Name>[],
  ): Promise<Map<string, string>> {
    const ids = [...new Set(items.flatMap((item) => item.options?.jobId ?? []))];
    if (ids.length === 0) {
      return new Map();
    }

    const storedNames = await this.storedNames(queue, ids);
    const found = ids.filter((id, position) => {
      const storedName = storedNames[position] ?? null;
      // Job ids are unique per queue, and a queue holds several job types: a key another type
      // already holds must not be answered as if it were this type's job.
      if (storedName !== null && storedName !== name) {
        throw new ContractError(
          'CONTRACT_ERR_JOB_ID_TAKEN',
          `job id "${id}" is already used by a job of another type on queue "${queue.name}"`,
        );
      }
      return storedName === name;
    });
    // Sent together, the state look-ups share their round trips.
    const states = await Promise.all(found.map((id) => queue.getJobState(id)));
    return new Map(found.map((id, position) => [id, states[position] ?? 'unknown']));
  }

  /**
   * The job name stored under each id, null where none is. One id is one HGET; several share
   * a pipeline, whose set-up costs about 0.1 ms of CPU on a connection carrying BullMQ's
   * scripts (ioredis binds every one of them to each pipeline): more than a single job's whole
   * enqueue, less than the round trips it saves a batch.
   */
  private async storedNames(queue: Queue, ids: readonly string[]): Promise<(string | null)[]> {
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) {
      return [await this.connection.hget(queue.toKey(only), 'name')];
    }

    const pipeline = this.connection.pipeline();
    for (const id of ids) {
      pipeline.hget(queue.toKey(id), 'name');
    }
    const replies = (await pipeline.exec()) ?? [];
    return ids.map((_id, position) => {
      const [error, storedName] = replies[position] ?? [];
      if (error) {
        throw error;
      }
      return (storedName as string | null | undefined) ?? null;
    });
  }

  private jobOptions<Name extends JobName>(name: Name, item: BulkItem<Name>): JobsOptions {
    const options: JobsOptions = { ...jobDefaults(name) };
    const priority = item.options?.priority ?? defaultPriority(name, item.payload);
    if (priority !== undefined) {
      options.priority = priority;
    }
    if (item.options?.jobId !== undefined) {
      options.jobId = item.options.jobId;
    }
    if (item.options?.delay !== undefined && item.options.delay > 0) {
      options.delay = item.options.delay;
    }
    return options;
  }
}

// One job goes in with Queue.add, a single Lua call: about twice as fast as addBulk's
// MULTI/EXEC around the same call, and as atomic. Several go in one addBulk transaction.
async function addJobs(
  queue: Queue,
  jobs: { name: JobName; data: unknown; opts: JobsOptions }[],
): Promise<{ id?: string | undefined }[]> {
  const [only] = jobs;
  if (jobs.length === 1 && only !== undefined) {
    return [await queue.add(only.name, only.data, only.opts)];
  }
  return queue.addBulk(jobs);
}

function defaultPriority(name: JobName, payload: unknown): number | undefined {
  if (name !== 'email.send') {
    return undefined;
  }
  return EMAIL_PRIORITY[(payload as SendEmailPayload).category];
}

function initialState(options: JobsOptions): string {
  if (options.delay !== undefined && options.delay > 0) {
    return 'delayed';
  }
  return options.priority === undefined ? 'waiting' : 'prioritized';
}

function assertValidOptions(options: EnqueueOptions): void {
  const { delay, priority, jobId } = options;
  if (delay !== undefined && !isIntegerWithin(delay, 0, MAX_DELAY_MS)) {
    throw new ContractError(
      'CONTRACT_ERR_OPTIONS_INVALID',
      `delay must be an integer from 0 to ${MAX_DELAY_MS} (ms)`,
    );
  }
  if (priority !== undefined && !isIntegerWithin(priority, 1, MAX_PRIORITY)) {
    throw new ContractError(
      'CONTRACT_ERR_OPTIONS_INVALID',
      `priority must be an integer from 1 to ${MAX_PRIORITY}`,
    );
  }
  if (jobId !== undefined) {
    assertValidJobId(jobId);
  }
}

function isIntegerWithin(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}
