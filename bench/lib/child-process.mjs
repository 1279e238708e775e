// The API and worker daemons as child processes of a benchmark. Their stdout and stderr go
// straight into a log file (the child writes the file itself, as a daemon writes to a log
// collector), so the benchmark process spends no CPU relaying log lines.

import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/services.mjs';

/**
 * Starts `node [nodeArgs] <entry>` with `env` added to this process's environment. Resolves a
 * handle { name, pid, logFile, exited, stop(graceMs) }; stop() sends SIGTERM, then SIGKILL.
 */
export function startDaemon({ name, entry, env, logDir, nodeArgs = [] }) {
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);

  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });

  const stop = async (graceMs = 30_000) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return exited;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };

  return { name, pid: child.pid, logFile, exited, stop, running: () => child.exitCode === null };
}

/** A TCP port on 127.0.0.1 that was free a moment ago, for a daemon that takes a fixed port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200; throws if `daemon` exits first or `timeoutMs` passes. */
export async function waitForHttpOk({ url, daemon, timeoutMs = 30_000 }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!daemon.running()) {
      throw new Error(`${daemon.name} exited during start-up; see ${daemon.logFile}`);
    }
    try {
      if ((await fetch(url)).status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${daemon.name} did not answer ${url} within ${timeoutMs} ms`);
}
