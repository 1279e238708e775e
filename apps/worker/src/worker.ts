/**
 * One worker process: Redis connection, services, processors and the BullMQ workers that run
 * them. `main.ts` starts it as a daemon; tests start it in-process.
 */
import type { WorkerConfig } from './config.js';
import type { Logger } from './logger.js';
import { createProcessors } from './processors/index.js';
import { eraseProcessorTypes } from './runtime/processor.js';
import { createWorkerConnection } from './runtime/redis.js';
import { WorkerHost } from './runtime/worker-host.js';
import { closeServices, createServices, type WorkerServices } from './services.js';

export interface RunningWorker {
  services: WorkerServices;
  /**
   * Graceful stop: no new jobs, active ones get the configured grace period, then all
   * connections close. Resolves true when every active job finished or was handed back.
   */
  stop(): Promise<boolean>;
}

export async function startWorker(config: WorkerConfig, logger: Logger): Promise<RunningWorker> {
  const connection = createWorkerConnection(config.redisUrl, logger);
  const services = createServices({ config, connection, logger });
  const host = new WorkerHost({
    connection,
    prefix: config.redisKeyPrefix,
    queues: config.queues,
    concurrency: config.concurrency,
    processors: eraseProcessorTypes(createProcessors(services)),
    logger,
  });

  await host.start();

  let stopping: Promise<boolean> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const clean = await host.close({
        graceMs: config.shutdownGraceMs,
        abortGraceMs: config.abortGraceMs,
      });
      await closeServices(services, logger);
      await connection.quit().catch(() => connection.disconnect());
      return clean;
    })();
    return stopping;
  };

  return { services, stop };
}
