/**
 * Runs one job: binds a logger to it, checks its payload against the contract again, calls its
 * processor, and ends with one summary line. A job interrupted by shutdown goes back to the
 * queue for the next worker without spending an attempt.
 */
import { describeIssues, type JobName, payloadIssues } from '@imobibase/jobs-contract';
import { type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { Logger } from '../logger.js';
import { coerceError, errorCode, isPermanent, unrecoverable } from './errors.js';
import type { ErasedProcessor } from './processor.js';

/** The reason given to `cancelAllJobs` when the worker shuts down. */
export const SHUTDOWN_REASON = 'worker-shutdown';

type BullProcessor = (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;

/** Builds the BullMQ processor function of one queue from its processors by job name. */
export function createQueueProcessor(options: {
  queue: string;
  processors: Readonly<Record<string, ErasedProcessor>>;
  logger: Logger;
}): BullProcessor {
  const { queue, processors, logger } = options;

  // BullMQ passes an AbortSignal only to processors that declare a third parameter.
  return async (job: Job, token?: string, signal?: AbortSignal) => {
    const jobLogger = logger.child({
      queue,
      jobName: job.name,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
    });
    const startedAt = performance.now();
    const durationMs = () => Math.round(performance.now() - startedAt);

    try {
      const processor = processorFor(processors, job);
      const result = await processor(job, {
        logger: jobLogger,
        signal: signal ?? new AbortController().signal,
      });
      jobLogger.info({ durationMs: durationMs(), outcome: 'completed' }, 'job finished');
      return result;
    } catch (thrown) {
      throw await handleFailure({
        job,
        token,
        signal,
        thrown,
        jobLogger,
        durationMs: durationMs(),
      });
    }
  };
}

function processorFor(
  processors: Readonly<Record<string, ErasedProcessor>>,
  job: Job,
): ErasedProcessor {
  const processor = processors[job.name];
  if (!processor) {
    throw new UnrecoverableError(
      `WORKER_ERR_NO_PROCESSOR: no processor for job name "${job.name}" on this queue`,
    );
  }

  const issues = payloadIssues(job.name as JobName, job.data);
  if (issues.length > 0) {
    throw new UnrecoverableError(
      `CONTRACT_ERR_PAYLOAD_INVALID: payload does not match the contract: ${describeIssues(issues)}`,
    );
  }
  return processor;
}

async function handleFailure(failure: {
  job: Job;
  token: string | undefined;
  signal: AbortSignal | undefined;
  thrown: unknown;
  jobLogger: Logger;
  durationMs: number;
}): Promise<Error> {
  const { job, token, signal, jobLogger, durationMs } = failure;
  const error = coerceError(failure.thrown);

  if (signal?.aborted && signal.reason === SHUTDOWN_REASON) {
    await job.moveToWait(token);
    jobLogger.warn({ durationMs, outcome: 'requeued' }, 'job finished');
    return new WaitingError('interrupted by worker shutdown');
  }

  const permanent = isPermanent(error);
  const attempts = job.opts.attempts ?? 1;
  const willRetry = !permanent && job.attemptsMade + 1 < attempts;
  // A retry is for the record; a final failure needs an operator.
  const level = willRetry ? 'warn' : 'error';
  jobLogger[level](
    { durationMs, outcome: willRetry ? 'retrying' : 'failed', code: errorCode(error), err: error },
    'job finished',
  );
  return permanent && !(error instanceof UnrecoverableError) ? unrecoverable(error) : error;
}
