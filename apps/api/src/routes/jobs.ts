/**
 * The jobs resource: enqueue one job, enqueue many, read one back. The API only checks and
 * hands jobs to the queue through the contract's `JobsClient`; it never does a job's work.
 */
import {
  ContractError,
  DEFAULT_MAX_PAYLOAD_BYTES,
  describeIssues,
  type EnqueueOptions,
  type EnqueueResult,
  isJobName,
  isJobProcessed,
  isValidJobId,
  type JobName,
  type JobPayload,
  type JobsClient,
  payloadIssues,
  payloadSizeBytes,
} from '@imobibase/jobs-contract';
import type { Job } from 'bullmq';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import {
  API_ERR_BULK_TOO_LARGE,
  API_ERR_IDEMPOTENCY_KEY_INVALID,
  API_ERR_JOB_NOT_FOUND,
  API_ERR_JOB_UNAVAILABLE,
  API_ERR_JOB_UNKNOWN,
  API_ERR_PAYLOAD_INVALID,
  API_ERR_PAYLOAD_TOO_LARGE,
  API_ERR_QUEUE_UNAVAILABLE,
} from '../errors.js';
import { waitUntilReady } from '../redis.js';
import { withTimeout } from '../with-timeout.js';
import {
  BulkBody,
  BulkReply,
  EnqueueReply,
  JobIdParams,
  JobItem,
  JobNameParams,
  JobStatusReply,
  MAX_BULK_JOBS,
} from './job-schemas.js';

const MIB = 1024 * 1024;

/** Largest body of a single enqueue, in bytes. */
export const SINGLE_BODY_LIMIT_BYTES = 1 * MIB;

/** Largest body of a bulk enqueue, in bytes (1,000 jobs of up to ~16 KiB each). */
export const BULK_BODY_LIMIT_BYTES = 16 * MIB;

export interface JobRoutesOptions {
  client: JobsClient;
  /** The connection `client` uses; requests wait for it to be ready within their budget. */
  redis: Redis;
  /** Budget of each Redis call; past it the request answers 503. */
  enqueueTimeoutMs: number;
}

export async function jobRoutes(app: FastifyInstance, options: JobRoutesOptions): Promise<void> {
  const { client, redis, enqueueTimeoutMs } = options;
  const callQueue = <Value>(work: () => Promise<Value>) =>
    queueCall({ redis, work, timeoutMs: enqueueTimeoutMs });

  app.post<{ Params: JobNameParams; Body: JobItem }>(
    '/jobs/:name',
    {
      bodyLimit: SINGLE_BODY_LIMIT_BYTES,
      onRequest: requireProcessedJob,
      schema: {
        params: JobNameParams,
        body: JobItem,
        response: { 200: EnqueueReply, 202: EnqueueReply },
      },
    },
    async (request, reply) => {
      const name = request.params.name as JobName;
      checkItem(name, request.body, '');

      const { payload, options: jobOptions } = request.body;
      const result = await callQueue(() =>
        client.enqueue(name, payload as JobPayload<JobName>, toEnqueueOptions(jobOptions)),
      );

      // An idempotency key that already existed: the caller gets the job stored the first time.
      reply.code(result.created ? 202 : 200);
      return jobRef(result);
    },
  );

  app.post<{ Params: JobNameParams; Body: BulkBody }>(
    '/jobs/:name/bulk',
    {
      bodyLimit: BULK_BODY_LIMIT_BYTES,
      onRequest: requireProcessedJob,
      preValidation: limitBulkSize,
      schema: { params: JobNameParams, body: BulkBody, response: { 202: BulkReply } },
    },
    async (request, reply) => {
      const name = request.params.name as JobName;
      const { jobs } = request.body;
      // Every item is checked before any is enqueued: one bad item refuses the whole batch.
      for (const [index, item] of jobs.entries()) {
        checkItem(name, item, `jobs/${index}`);
      }

      const items = jobs.map((item) => ({
        payload: item.payload as JobPayload<JobName>,
        options: toEnqueueOptions(item.options),
      }));
      const results = await callQueue(() => client.enqueueBulk(name, items));

      reply.code(202);
      return { jobs: results.map((result) => ({ ...jobRef(result), created: result.created })) };
    },
  );

  app.get<{ Params: JobIdParams }>(
    '/jobs/:name/:id',
    {
      onRequest: requireKnownJob,
      schema: { params: JobIdParams, response: { 200: JobStatusReply } },
    },
    async (request) => {
      const name = request.params.name as JobName;
      const { id } = request.params;
      const job = await callQueue(() => client.queueOf(name).getJob(id));
      // Ids are unique per queue, and a queue holds several job types: match the name too.
      if (job === undefined || job.name !== name) {
        throw new API_ERR_JOB_NOT_FOUND(name);
      }

      const state = await callQueue(() => job.getState());
      return jobStatus(job, name, client.queueOf(name).name, state);
    },
  );
}

// Runs before the body is read, so a typo in the name costs no upload.
async function requireKnownJob(request: FastifyRequest): Promise<void> {
  const { name } = request.params as { name: string };
  if (!isJobName(name)) {
    throw new API_ERR_JOB_UNKNOWN(name);
  }
}

// Nothing would run a job whose queue has no processor yet: refuse it rather than store it.
async function requireProcessedJob(request: FastifyRequest): Promise<void> {
  await requireKnownJob(request);
  const { name } = request.params as { name: JobName };
  if (!isJobProcessed(name)) {
    throw new API_ERR_JOB_UNAVAILABLE(name);
  }
}

// Before schema validation, so an oversized batch gets its own code, not a schema message.
async function limitBulkSize(request: FastifyRequest): Promise<void> {
  const jobs = (request.body as { jobs?: unknown } | null)?.jobs;
  if (Array.isArray(jobs) && jobs.length > MAX_BULK_JOBS) {
    throw new API_ERR_BULK_TOO_LARGE(MAX_BULK_JOBS, jobs.length);
  }
}

/**
 * Checks one job against the contract; `at` locates it in the body (`jobs/3`, or '' for a
 * single job). Size comes first: a huge payload is refused without walking its shape.
 */
function checkItem(name: JobName, item: JobItem, at: string): void {
  const pathOf = (field: string) => [at, field].filter(Boolean).join('/');

  const sizeBytes = payloadSizeBytes(item.payload);
  if (sizeBytes > DEFAULT_MAX_PAYLOAD_BYTES) {
    throw new API_ERR_PAYLOAD_TOO_LARGE(
      `${pathOf('payload')}: is ${sizeBytes} bytes; the limit is ${DEFAULT_MAX_PAYLOAD_BYTES}`,
    );
  }

  const issues = payloadIssues(name, item.payload);
  if (issues.length > 0) {
    throw new API_ERR_PAYLOAD_INVALID(describeIssues(issues, pathOf('payload')));
  }

  const key = item.options?.idempotencyKey;
  if (key !== undefined && !isValidJobId(key)) {
    throw new API_ERR_IDEMPOTENCY_KEY_INVALID(pathOf('options/idempotencyKey'));
  }
}

/**
 * Runs a Redis call within the time budget. Contract refusals pass through for the error
 * handler; anything else means the queue could not be reached or did not answer in time,
 * and the caller is told so rather than told the job was stored.
 */
async function queueCall<Value>(call: {
  redis: Redis;
  work: () => Promise<Value>;
  timeoutMs: number;
}): Promise<Value> {
  const deadlineMs = Date.now() + call.timeoutMs;
  try {
    await waitUntilReady(call.redis, call.timeoutMs);
    return await withTimeout(call.work(), Math.max(deadlineMs - Date.now(), 1));
  } catch (error) {
    if (error instanceof ContractError) {
      throw error;
    }
    throw new API_ERR_QUEUE_UNAVAILABLE({ cause: error });
  }
}

function toEnqueueOptions(options: JobItem['options']): EnqueueOptions {
  const result: EnqueueOptions = {};
  if (options?.idempotencyKey !== undefined) {
    result.jobId = options.idempotencyKey;
  }
  if (options?.delay !== undefined) {
    result.delay = options.delay;
  }
  if (options?.priority !== undefined) {
    result.priority = options.priority;
  }
  return result;
}

function jobRef(result: EnqueueResult): EnqueueReply {
  return { id: result.id, name: result.name, queue: result.queue, state: result.state };
}

function jobStatus(job: Job, name: JobName, queue: string, state: string): JobStatusReply {
  return {
    id: job.id ?? '',
    name,
    queue,
    state,
    progress: job.progress,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason || undefined,
    returnvalue: job.returnvalue ?? undefined,
    timestamps: {
      createdAt: new Date(job.timestamp).toISOString(),
      processedAt: isoOrUndefined(job.processedOn),
      finishedAt: isoOrUndefined(job.finishedOn),
    },
  };
}

function isoOrUndefined(epochMs: number | undefined): string | undefined {
  return epochMs ? new Date(epochMs).toISOString() : undefined;
}
