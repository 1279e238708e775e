/**
 * Types of job processors. The worker's processor map is a mapped type over the contract's
 * catalogue: for every queue the worker hosts, every job name of that queue needs a processor
 * taking that job's payload and returning its result, or the worker does not compile.
 */
import type {
  JobName,
  JobNameOfQueue,
  JobPayload,
  JobResult,
  QueueName,
} from '@imobibase/jobs-contract';
import type { Job } from 'bullmq';
import type { Logger } from '../logger.js';

/** What the runtime hands a processor besides its job. */
export interface JobContext {
  /** Child logger bound to queue, job name, job id and attempt. */
  logger: Logger;
  /** Aborted when the worker shuts down past its grace period; stop at the next step. */
  signal: AbortSignal;
}

/** A BullMQ job of type `Name`, with the contract's payload and result types. */
export type ContractJob<Name extends JobName> = Job<JobPayload<Name>, JobResult<Name>, Name>;

/** Runs one job of type `Name`. */
export type Processor<Name extends JobName> = (
  job: ContractJob<Name>,
  context: JobContext,
) => Promise<JobResult<Name>>;

/** Processors of every job name of one queue. */
export type QueueProcessors<Queue extends QueueName> = {
  [Name in JobNameOfQueue<Queue>]: Processor<Name>;
};

/** Processors of every job name of every queue in `Queues`. */
export type ProcessorMap<Queues extends QueueName> = {
  [Queue in Queues]: QueueProcessors<Queue>;
};

/** A processor once its job type is no longer known statically, as the runtime sees it. */
export type ErasedProcessor = (job: Job, context: JobContext) => Promise<unknown>;

/** Processors by queue and job name, as the runtime dispatches them. */
export type ErasedProcessorMap = Partial<
  Record<QueueName, Readonly<Record<string, ErasedProcessor>>>
>;

/**
 * Hands a typed processor map to the runtime. The runtime checks each payload against the
 * contract before dispatching on the job name, which is what makes dropping the types safe.
 */
export function eraseProcessorTypes<Queues extends QueueName>(
  processors: ProcessorMap<Queues>,
): ErasedProcessorMap {
  return processors as unknown as ErasedProcessorMap;
}
