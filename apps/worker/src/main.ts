/**
 * The worker daemon: reads its configuration, consumes its queues, and shuts down gracefully on
 * SIGTERM or SIGINT, exiting 0 once its jobs are finished or handed back to the queue.
 */
import { ConfigError, loadWorkerConfig } from './config.js';
import { createLogger } from './logger.js';
import { type RunningWorker, startWorker } from './worker.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadWorkerConfig>;
  try {
    config = loadWorkerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      createLogger('info').fatal({ code: error.code, variable: error.variable }, error.message);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger(config.logLevel);

  // A stray rejection is a bug to fix, not a reason to drop every job in flight.
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });

  // Signals are handled from the first moment: one arriving while the worker starts stops it
  // as soon as it has started, gracefully, instead of killing the process mid-start.
  let stopRequested = false;
  let starting: Promise<RunningWorker> | undefined;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopRequested) {
      logger.warn({ signal }, 'second signal; exiting now');
      process.exit(1);
    }
    stopRequested = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    void starting
      ?.then((worker) => worker.stop())
      .then((clean) => {
        logger.info({ clean }, 'worker stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  starting = startWorker(config, logger);
  await starting;
}

await main();
