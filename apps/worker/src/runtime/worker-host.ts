/**
 * Hosts one BullMQ Worker per queue this replica serves and owns their lifecycle: start,
 * error listeners, and a graceful close with a deadline.
 */
import type { QueueName } from '@imobibase/jobs-contract';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { ErasedProcessorMap } from './processor.js';
import { createQueueProcessor, SHUTDOWN_REASON } from './run-job.js';

export interface WorkerHostOptions {
  connection: Redis;
  prefix: string;
  queues: readonly QueueName[];
  concurrency: Readonly<Partial<Record<QueueName, number>>>;
  processors: ErasedProcessorMap;
  logger: Logger;
}

export interface CloseOptions {
  /** How long active jobs may run on after shutdown starts. */
  graceMs: number;
  /** How long aborted jobs get to hand themselves back to the queue. */
  abortGraceMs: number;
}

const sleep = (ms: number) =>
  new Promise<'timeout'>((resolve) => setTimeout(resolve, ms, 'timeout').unref());

export class WorkerHost {
  private readonly workers: Worker[] = [];
  private readonly logger: Logger;

  constructor(private readonly options: WorkerHostOptions) {
    this.logger = options.logger;
  }

  /** Creates and starts a Worker for each hosted queue. */
  async start(): Promise<void> {
    for (const queue of this.options.queues) {
      this.workers.push(this.createWorker(queue));
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    // Pairs rather than an object: a key named `email` would meet the logger's redaction.
    const concurrency = this.options.queues.map((queue) => [
      queue,
      this.options.concurrency[queue] ?? 1,
    ]);
    this.logger.info({ concurrency }, 'worker consuming');
  }

  /**
   * Stops taking jobs and waits for active ones up to `graceMs`. Past it, active jobs are
   * aborted and hand themselves back to the queue; any that do not within `abortGraceMs` are
   * left to BullMQ's stalled-job check, which gives them to another worker once their lock
   * expires. Returns whether every job finished or was handed back in time.
   */
  async close(options: CloseOptions): Promise<boolean> {
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    if ((await Promise.race([closing, sleep(options.graceMs)])) !== 'timeout') {
      return true;
    }

    this.logger.warn({ graceMs: options.graceMs }, 'grace period over; aborting active jobs');
    for (const worker of this.workers) {
      worker.cancelAllJobs(SHUTDOWN_REASON);
    }
    return (await Promise.race([closing, sleep(options.abortGraceMs)])) !== 'timeout';
  }

  private createWorker(queue: QueueName): Worker {
    const processors = this.options.processors[queue];
    if (!processors) {
      throw new Error(`no processors registered for queue "${queue}"`);
    }

    const worker = new Worker(
      queue,
      createQueueProcessor({ queue, processors, logger: this.logger }),
      {
        connection: this.options.connection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency[queue] ?? 1,
        autorun: true,
      },
    );

    // Connection errors are retried by ioredis and logged by the connection watcher; anything
    // else a Worker emits is logged here so nothing becomes an unhandled 'error' event.
    worker.on('error', (error) => {
      if (isConnectionError(error)) {
        this.logger.debug({ err: error, queue }, 'worker connection error');
        return;
      }
      // After a Redis restart or a long stall a job may have lost its lock; the stalled-job
      // check gives it to a worker again, which is the designed recovery, not a fault.
      if (/Missing lock|Lock mismatch/i.test(error.message)) {
        this.logger.warn({ err: error, queue }, 'job lost its lock; it will run again');
        return;
      }
      this.logger.error({ err: error, queue }, 'worker error');
    });
    worker.on('stalled', (jobId) => {
      this.logger.warn({ queue, jobId }, 'job stalled; it will run again');
    });
    return worker;
  }
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

// ioredis reports an outage on every retry; the connection watcher already logged it once.
function isConnectionError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) {
    return true;
  }
  return /Connection is closed|connect ECONNREFUSED|Socket closed/i.test(error.message);
}
