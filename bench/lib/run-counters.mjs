// Counters read before and after a measured run, so the report can say where the work went:
// CPU time per process, Redis commands, PostgreSQL transactions, and log volume.

import { readFileSync } from 'node:fs';
import { cpuMsOf, machineCpuMs, treeCpuMsOf } from './proc-stats.mjs';

/**
 * CPU time (ms) of the machine, each daemon and each server, read now. `daemons` is
 * { name: pid }; `servers` is { name: pid } of servers counted with their children.
 */
export function readCpu({ daemons, servers }) {
  const reading = { machine: machineCpuMs(), processes: {} };
  for (const [name, pid] of Object.entries(daemons)) {
    reading.processes[name] = safely(() => cpuMsOf(pid));
  }
  for (const [name, pid] of Object.entries(servers)) {
    reading.processes[name] = pid ? safely(() => treeCpuMsOf(pid)) : null;
  }
  return reading;
}

function safely(read) {
  try {
    return read();
  } catch {
    return null;
  }
}

/** Per-process CPU ms between two readings, plus the machine's busy and total time. */
export function cpuDelta(before, after) {
  const processes = {};
  for (const [name, value] of Object.entries(after.processes)) {
    const start = before.processes[name];
    processes[name] = value === null || start === null ? null : value - start;
  }
  return {
    processes,
    machineBusyMs: after.machine.busyMs - before.machine.busyMs,
    machineTotalMs: after.machine.totalMs - before.machine.totalMs,
  };
}

/** Calls per Redis command (commands run inside Lua scripts included), from INFO commandstats. */
export async function redisCommandCalls(redis) {
  const text = await redis.info('commandstats');
  const calls = {};
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    calls[match[1]] = Number(match[2]);
  }
  return calls;
}

export function callsDelta(before, after) {
  const delta = {};
  for (const [command, calls] of Object.entries(after)) {
    const difference = calls - (before[command] ?? 0);
    if (difference > 0) {
      delta[command] = difference;
    }
  }
  return delta;
}

/** Committed transactions of one database (each autocommit statement is one). */
export async function committedTransactions(pool, databaseName) {
  // Statistics of other sessions are seen as of this transaction's snapshot; clear it first.
  await pool.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await pool.query(
    'SELECT xact_commit::bigint AS commits FROM pg_stat_database WHERE datname = $1',
    [databaseName],
  );
  return Number(rows[0]?.commits ?? 0);
}

/** Bytes and lines of a log file, and how many lines carry each message. */
export function logVolume(logFile) {
  const text = readFileSync(logFile, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  const byMessage = {};
  for (const line of lines) {
    const message = /"msg":"([^"]*)"/.exec(line)?.[1] ?? '(not json)';
    byMessage[message] = (byMessage[message] ?? 0) + 1;
  }
  return { bytes: Buffer.byteLength(text), lines: lines.length, byMessage };
}
