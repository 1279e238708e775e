// The API and the worker as child processes of a script, each logging into its own file.

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { ScriptError, waitUntil } from './process.mjs';
import { REPO_ROOT } from './services.mjs';

/**
 * Starts `node [nodeArgs] <entry>` with `env` added to this environment. The child writes its
 * output straight into `<logDir>/<name>.log`, as a daemon writes to a log collector, so this
 * process spends nothing relaying log lines. Resolves a handle with `stop()` (SIGTERM, then
 * SIGKILL past `graceMs`), `exited`, `pid` and `running()`.
 */
export function startNodeProcess({ name, entry, env, logDir, nodeArgs = [] }) {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
    // A group of its own: Ctrl-C in the terminal reaches only the script, which then stops
    // the child once, gracefully, instead of the child getting two signals.
    detached: true,
  });
  closeSync(fd);

  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const running = () => child.exitCode === null && child.signalCode === null;

  const stop = async (graceMs = 25_000) => {
    if (!running()) {
      return exited;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };

  return { name, pid: child.pid, child, logFile, exited, stop, running };
}

/** Waits until `url` answers 200, or throws naming the process and its log file. */
export async function waitForHealthy({ url, processHandle, timeoutMs = 30_000 }) {
  let exitedEarly = false;
  processHandle.exited.then(() => {
    exitedEarly = true;
  });

  await waitUntil(
    async () => {
      if (exitedEarly) {
        throw new ScriptError(
          'DEMO_ERR_PROCESS_EXITED',
          `${processHandle.name} exited during start-up; see ${processHandle.logFile}`,
        );
      }
      try {
        const response = await fetch(url);
        return response.status === 200;
      } catch {
        return false;
      }
    },
    { what: processHandle.name, timeoutMs, hint: `; see ${processHandle.logFile}` },
  );
}
