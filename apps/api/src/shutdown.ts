/**
 * Graceful shutdown on SIGTERM and SIGINT: stop accepting requests, let in-flight ones finish,
 * close the queue connection, exit 0. A deadline bounds the wait, because an orchestrator that
 * sent SIGTERM will send SIGKILL soon after; past it the process exits 1 so the log shows the
 * shutdown was not clean.
 */
import type { EventEmitter } from 'node:events';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** The little of a logger shutdown needs. */
interface ShutdownLogger {
  info(context: object, message: string): void;
  error(context: object, message: string): void;
}

export interface ShutdownOptions {
  /** What to close: the Fastify app. */
  app: { close(): Promise<unknown> };
  /** How long `close()` may take before the process exits 1. */
  graceMs: number;
  log: ShutdownLogger;
  /** Where signals come from. @defaultValue process */
  signals?: EventEmitter;
  /** How to end the process. @defaultValue process.exit */
  exit?: (code: number) => void;
}

/** Closes `app` on the first SIGTERM or SIGINT; a second signal exits at once. */
export function installShutdown(options: ShutdownOptions): void {
  const signals = options.signals ?? process;
  const exit = once(options.exit ?? ((code: number) => process.exit(code)));
  let shuttingDown = false;

  const onSignal = (signal: string) => {
    if (shuttingDown) {
      options.log.error({ signal }, 'second signal, exiting now');
      exit(1);
      return;
    }
    shuttingDown = true;
    options.log.info({ signal, graceMs: options.graceMs }, 'shutting down');
    void closeWithin(options, exit);
  };

  for (const signal of SIGNALS) {
    signals.on(signal, onSignal);
  }
}

async function closeWithin(options: ShutdownOptions, exit: (code: number) => void) {
  const deadline = setTimeout(() => {
    options.log.error({ graceMs: options.graceMs }, 'shutdown deadline passed, exiting');
    exit(1);
  }, options.graceMs);

  try {
    await options.app.close();
    options.log.info({}, 'api closed');
    exit(0);
  } catch (err) {
    options.log.error({ err }, 'shutdown failed');
    exit(1);
  } finally {
    clearTimeout(deadline);
  }
}

// The deadline and a late `close()` may both try to exit; only the first one counts.
function once(exit: (code: number) => void): (code: number) => void {
  let exited = false;
  return (code) => {
    if (!exited) {
      exited = true;
      exit(code);
    }
  };
}
