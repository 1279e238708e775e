// Sharing one set of private services between processes that run at the same time (two test
// runs, a test run and an editor's vitest). Each user holds a lease, a file named after its
// pid; the last user to leave stops the services, but only those a lease holder started
// (marked by an `owned-<service>` file), never ones a person started by hand. A lock folder
// makes "start or reuse, then lease" and "release, then maybe stop" atomic.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ScriptError } from './process.mjs';

const LOCK_TIMEOUT_MS = 120_000;
const LOCK_POLL_MS = 100;

/** Runs `fn` while holding the lock of `varDir`; waits for another holder to finish. */
export async function withLock(varDir, fn) {
  const lockDir = join(varDir, 'lock');
  mkdirSync(varDir, { recursive: true });
  await acquire(lockDir);
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Records that this process uses the services; returns the lease id for `dropLease`. */
export function takeLease(varDir) {
  const dir = join(varDir, 'leases');
  mkdirSync(dir, { recursive: true });
  const id = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  writeFileSync(join(dir, id), '');
  return id;
}

/** Drops the lease and tells whether any live lease is left. */
export function dropLease(varDir, id) {
  const dir = join(varDir, 'leases');
  rmSync(join(dir, id), { force: true });
  if (!existsSync(dir)) {
    return false;
  }

  // Leases of processes that died without releasing (kill -9) do not keep services alive.
  let live = false;
  for (const entry of readdirSync(dir)) {
    if (pidAlive(Number(entry.split('-')[0]))) {
      live = true;
    } else {
      rmSync(join(dir, entry), { force: true });
    }
  }
  return live;
}

export function markOwned(varDir, service, owned) {
  const marker = join(varDir, `owned-${service}`);
  if (owned) {
    writeFileSync(marker, '');
    return;
  }
  rmSync(marker, { force: true });
}

export function isOwned(varDir, service) {
  return existsSync(join(varDir, `owned-${service}`));
}

async function acquire(lockDir) {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;

  while (Date.now() < deadline) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') {
        throw err;
      }
    }
    clearIfAbandoned(lockDir);
    await delay(LOCK_POLL_MS);
  }

  throw new ScriptError(
    'SERVICES_ERR_LOCK_TIMEOUT',
    `another process holds ${lockDir} for over ${LOCK_TIMEOUT_MS / 1000} s; remove it if stale`,
  );
}

// A holder killed mid-way leaves its lock behind; its pid tells. A lock without a pid file
// yet is being taken right now, so it is left alone.
function clearIfAbandoned(lockDir) {
  const pidFile = join(lockDir, 'pid');
  if (!existsSync(pidFile)) {
    return;
  }

  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (pid && !pidAlive(pid)) {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }

  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
