// The API and the worker as child processes of a script, each logging into its own file.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ScriptError, waitUntil } from './process.mjs';
import { REPO_ROOT } from './services.mjs';

/**
 * Starts `node <entry>` with `env`, its output appended to `<logDir>/<name>.log`.
 * Resolves a handle with `stop()` (SIGTERM, then SIGKILL past `graceMs`) and `exited`.
 */
export function startNodeProcess({ name, entry, env, logDir }) {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: Ctrl-C in the terminal reaches only the script, which then stops
    // the child once, gracefully, instead of the child getting two signals.
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });

  const stop = async (graceMs = 25_000) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return exited;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };

  return { name, child, logFile, exited, stop };
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
