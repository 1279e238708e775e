// A private Redis server: data, pid file and log under one folder, bound to 127.0.0.1 on a
// fixed port. Talks RESP over a plain TCP socket so no client library is needed.

import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { runCaptured, ScriptError, waitUntil } from './process.mjs';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 20_000;
const REPLY_TIMEOUT_MS = 1_000;

/**
 * Starts Redis unless one already answers PING on `port`. Resolves { started } so the
 * caller knows whether it owns the process.
 */
export async function startRedis({ redisServer, dir, port }) {
  const reply = await redisCommand(port, ['PING']);
  if (reply === '+PONG') {
    return { started: false };
  }
  if (reply !== undefined) {
    throw new ScriptError(
      'SERVICES_ERR_PORT_TAKEN',
      `port ${port} answers but not as Redis (${reply}); stop what listens there`,
    );
  }

  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'redis.log');
  const result = runCaptured(redisServer, serverArgs({ dir, port, logFile }));
  if (result.status !== 0) {
    throw new ScriptError(
      'SERVICES_ERR_START_FAILED',
      `redis-server exited with ${result.status}: ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }

  await waitUntil(async () => (await redisCommand(port, ['PING'])) === '+PONG', {
    what: `Redis on port ${port}`,
    timeoutMs: START_TIMEOUT_MS,
    hint: `; see ${logFile}`,
  });
  return { started: true };
}

/** Asks Redis to save and exit (AOF is flushed by SHUTDOWN), then waits until it is gone. */
export async function stopRedis({ port }) {
  if ((await redisCommand(port, ['PING'])) !== '+PONG') {
    return { stopped: false };
  }

  await redisCommand(port, ['SHUTDOWN']);
  await waitUntil(async () => (await redisCommand(port, ['PING'])) === undefined, {
    what: `Redis shutdown on port ${port}`,
    timeoutMs: STOP_TIMEOUT_MS,
  });
  return { stopped: true };
}

export async function redisRunning({ port }) {
  return (await redisCommand(port, ['PING'])) === '+PONG';
}

/**
 * Sends one command and resolves with the first line of the reply ('+PONG', '-ERR ...'),
 * or undefined when nothing answers (refused, closed without a reply, or timed out).
 */
export function redisCommand(port, args) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let buffer = '';
    const finish = (value) => {
      socket.destroy();
      resolve(value);
    };

    socket.setTimeout(REPLY_TIMEOUT_MS, () => finish(undefined));
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(undefined));
    socket.on('connect', () => socket.write(encodeCommand(args)));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\r\n');
      if (end !== -1) {
        finish(buffer.slice(0, end));
      }
    });
  });
}

function encodeCommand(args) {
  const parts = args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return `*${args.length}\r\n${parts.join('')}`;
}

function serverArgs({ dir, port, logFile }) {
  return [
    '--port',
    String(port),
    '--bind',
    HOST,
    '--protected-mode',
    'yes',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    // BullMQ loses jobs if Redis evicts keys, so memory pressure must fail writes instead.
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'yes',
    '--pidfile',
    join(dir, 'redis.pid'),
    '--logfile',
    logFile,
  ];
}
