// Redis and PostgreSQL for the benchmarks: the private `bench` instances of
// scripts/lib/services.mjs (or REDIS_URL / DATABASE_URL when set, which must point at this
// machine), a fresh database per measured run and a key prefix per run, both removed after.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startPrivateServices } from '../../scripts/lib/services.mjs';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Refuses any URL whose host is not this machine: benchmarks send load to loopback only. */
export function assertLoopback(url, what) {
  const { hostname } = new URL(url);
  if (!LOOPBACK.has(hostname) && !hostname.startsWith('127.')) {
    throw new Error(`${what} must be on this machine (127.0.0.1), not ${hostname}`);
  }
}

/** A short random name part, so runs never share a database or a key prefix. */
export const runTag = () => randomBytes(4).toString('hex');

/**
 * Starts (or reuses) the bench services. Resolves { redisUrl, databaseUrl, pids, release },
 * `pids` holding the Redis and postmaster pids (for CPU accounting) or null when unknown.
 */
export async function openBenchServices() {
  const services = await startPrivateServices({ name: 'bench' });
  assertLoopback(services.redisUrl, 'REDIS_URL');
  assertLoopback(services.databaseUrl, 'DATABASE_URL');

  return {
    redisUrl: services.redisUrl,
    databaseUrl: services.databaseUrl,
    pids: {
      redis: await redisPid(services.redisUrl),
      postgres: await postmasterPid(services.databaseUrl),
    },
    release: () => services.stop({ onlyStarted: true }),
  };
}

async function redisPid(redisUrl) {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  try {
    await redis.connect();
    const info = await redis.info('server');
    return Number(/^process_id:(\d+)/m.exec(info)?.[1]) || null;
  } finally {
    redis.disconnect();
  }
}

// The data directory is readable by a superuser, which the bench role is (trust auth).
async function postmasterPid(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SHOW data_directory');
    const pidFile = join(rows[0].data_directory, 'postmaster.pid');
    return Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database `bench_<tag>` on the server of `serverUrl` and resolves
 * { url, name, drop() }; drop() removes it even while connections are open.
 */
export async function createFreshDatabase(serverUrl, tag = runTag()) {
  const name = `bench_${tag}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(serverUrl, sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Deletes every key under `<prefix>:`; resolves how many went. */
export async function deleteKeysWithPrefix(redis, prefix) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) {
      deleted += await redis.unlink(...keys);
    }
  } while (cursor !== '0');
  return deleted;
}
