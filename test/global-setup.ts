// Vitest global setup: picks the Redis and PostgreSQL servers for this run, makes a fresh
// database with the worker's migrations applied, and hands both URLs to the tests through
// `inject` (test/helpers/services.ts) and through REDIS_URL / DATABASE_URL.
//
// Each server comes from the first of: its environment variable, a throwaway container (when
// a Docker engine answers), the private 'test' instance run from the OS binaries.

import type { TestProject } from 'vitest/node';
import { runMigrations } from '../apps/worker/src/db/migrate.js';
import { dockerReachable } from '../scripts/lib/docker.mjs';
import { startPrivateServices } from '../scripts/lib/services.mjs';
import { startContainers } from './helpers/containers.js';
import type {} from './helpers/services.js';
import { createTestDatabase } from './helpers/test-database.js';

interface Servers {
  redisUrl: string;
  /** Names a database that exists; the run's own database is created beside it. */
  serverDatabaseUrl: string;
  source: string;
  stop(): Promise<void>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers = await resolveServers();
  const database = await createTestDatabase(servers.serverDatabaseUrl).catch(async (err) => {
    await servers.stop();
    throw err;
  });
  const teardown = async () => {
    try {
      await database.drop();
    } finally {
      await servers.stop();
    }
  };

  try {
    await runMigrations(database.url);
  } catch (err) {
    await teardown();
    throw new Error(`migrations failed on the test database: ${messageOf(err)}`, { cause: err });
  }

  project.provide('redisUrl', servers.redisUrl);
  project.provide('databaseUrl', database.url);
  // Test workers are started after this and inherit the environment.
  process.env.REDIS_URL = servers.redisUrl;
  process.env.DATABASE_URL = database.url;

  const databaseName = new URL(database.url).pathname.slice(1);
  console.info(`[global-setup] services: ${servers.source}; database: ${databaseName}`);
  return teardown;
}

async function resolveServers(): Promise<Servers> {
  const fromEnv = { redis: process.env.REDIS_URL, postgres: process.env.DATABASE_URL };
  if (fromEnv.redis && fromEnv.postgres) {
    const stop = async () => {};
    return {
      redisUrl: fromEnv.redis,
      serverDatabaseUrl: fromEnv.postgres,
      source: 'environment',
      stop,
    };
  }

  const fromContainers = await tryContainers({
    redis: !fromEnv.redis,
    postgres: !fromEnv.postgres,
  });
  if (fromContainers) {
    return {
      redisUrl: fromEnv.redis ?? required(fromContainers.redisUrl),
      serverDatabaseUrl: fromEnv.postgres ?? required(fromContainers.databaseUrl),
      source: 'containers',
      stop: fromContainers.stop,
    };
  }

  // startPrivateServices leaves a service alone when its variable is set.
  const services = await startPrivateServices({ name: 'test' });
  return {
    redisUrl: services.redisUrl,
    serverDatabaseUrl: services.databaseUrl,
    source: 'private test instances',
    stop: () => services.release(),
  };
}

// Containers need images from a registry; when that fails the OS binaries still work.
async function tryContainers(want: { redis: boolean; postgres: boolean }) {
  if (!(await dockerReachable())) {
    return undefined;
  }

  try {
    return await startContainers(want);
  } catch (err) {
    console.warn(`[global-setup] containers failed (${messageOf(err)}); using OS binaries`);
    return undefined;
  }
}

function required(url: string | undefined): string {
  if (!url) {
    throw new Error('a container started without reporting its URL');
  }
  return url;
}

// Follows `cause` so a wrapped driver error still shows its own words.
function messageOf(err: unknown): string {
  if (!(err instanceof Error)) {
    return String(err);
  }
  return err.cause === undefined ? err.message : `${err.message}: ${messageOf(err.cause)}`;
}
