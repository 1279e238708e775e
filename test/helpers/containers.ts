// Throwaway Redis and PostgreSQL containers through testcontainers, for machines with a
// Docker engine. Loaded lazily: the library is only imported when an engine answers.

import type { StartedTestContainer } from 'testcontainers';

const REDIS_IMAGE = 'redis:7';
const POSTGRES_IMAGE = 'postgres:15';
const PG_USER = 'imobibase';

export interface ContainerServices {
  redisUrl?: string;
  databaseUrl?: string;
  stop(): Promise<void>;
}

/** Starts the wanted containers; on failure stops those already started and rethrows. */
export async function startContainers(want: {
  redis: boolean;
  postgres: boolean;
}): Promise<ContainerServices> {
  const started: StartedTestContainer[] = [];
  const stop = async () => {
    await Promise.all(started.map((container) => container.stop()));
  };

  try {
    const redis = want.redis ? await startRedis() : undefined;
    if (redis) {
      started.push(redis);
    }
    const postgres = want.postgres ? await startPostgres() : undefined;
    if (postgres) {
      started.push(postgres);
    }
    return {
      redisUrl: redis && redisUrlOf(redis),
      databaseUrl: postgres && pgUrlOf(postgres),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startRedis(): Promise<StartedTestContainer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  return new GenericContainer(REDIS_IMAGE)
    .withCommand(['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'])
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .start();
}

async function startPostgres(): Promise<StartedTestContainer> {
  const { GenericContainer, Wait } = await import('testcontainers');

  // The image's entrypoint starts a temporary server for its init scripts first, so the
  // real server is ready at the second "ready" line.
  return new GenericContainer(POSTGRES_IMAGE)
    .withEnvironment({ POSTGRES_USER: PG_USER, POSTGRES_PASSWORD: PG_USER, POSTGRES_DB: PG_USER })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
}

function redisUrlOf(container: StartedTestContainer): string {
  return `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
}

function pgUrlOf(container: StartedTestContainer): string {
  const where = `${container.getHost()}:${container.getMappedPort(5432)}`;
  return `postgres://${PG_USER}:${PG_USER}@${where}/${PG_USER}`;
}
