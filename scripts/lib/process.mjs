// Small helpers shared by the scripts: an error class with a stable code, running commands
// (captured or with their output shown) and polling a condition with a deadline.
// Plain Node only: these run before `npm install`.

import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';

export class ScriptError extends Error {
  /**
   * @param {string} code stable string code, e.g. 'SERVICES_ERR_TIMEOUT'
   * @param {string} message one line a person can act on
   * @param {{ cause?: unknown }} [options]
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = 'ScriptError';
    this.code = code;
  }
}

/**
 * Runs a command to completion and captures its output.
 * `asUser` ({ uid, gid }) runs it as another OS user (only root may do that).
 */
export function runCaptured(command, args, { asUser, env, cwd } = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: env ?? process.env,
    cwd,
    ...(asUser ? { uid: asUser.uid, gid: asUser.gid } : {}),
  });

  if (result.error) {
    throw new ScriptError('SCRIPT_ERR_SPAWN', `could not run ${command}: ${result.error.message}`, {
      cause: result.error,
    });
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Like runCaptured, but throws with the command's own output when it exits non-zero. */
export function runChecked(command, args, options = {}) {
  const result = runCaptured(command, args, options);
  if (result.status === 0) {
    return result;
  }

  const output = `${result.stdout}\n${result.stderr}`.trim();
  throw new ScriptError(
    'SCRIPT_ERR_COMMAND_FAILED',
    `${command} ${args.join(' ')} exited with ${result.status}\n${lastLines(output, 20)}`,
  );
}

/**
 * Runs a command with its output shown on this terminal. Resolves with its exit code
 * (128 + signal number when a signal ended it). `onSpawn` receives the child, so a caller
 * can forward signals to it.
 */
export function runShown(command, args, { env, cwd, onSpawn } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: env ?? process.env, cwd });
    onSpawn?.(child);

    child.on('error', (err) => {
      process.stderr.write(`could not run ${command}: ${err.message}\n`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

/**
 * Polls `check` until it returns a truthy value, at most `timeoutMs`. Throws a ScriptError
 * naming `what` on timeout, with `hint` (e.g. a log file to read) appended.
 */
export async function waitUntil(check, { what, timeoutMs, intervalMs = 200, hint = '' }) {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    const value = await check();
    if (value) {
      return value;
    }
    await delay(intervalMs);
  }

  const seconds = Math.round(timeoutMs / 1000);
  throw new ScriptError('SCRIPT_ERR_TIMEOUT', `${what} not ready after ${seconds} s${hint}`);
}

export function lastLines(text, count) {
  return text.split('\n').slice(-count).join('\n');
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
