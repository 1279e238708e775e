// Private Redis and PostgreSQL for the demo and the tests, run from the operating system's
// own binaries with their data under the git-ignored `var/<name>/` folder of the repo. Each
// name has fixed ports so the demo and a test run can live side by side. REDIS_URL and
// DATABASE_URL, when set, replace the matching private service.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBinaries, locateBinaries } from './binaries.mjs';
import { dropLease, isOwned, markOwned, takeLease, withLock } from './leases.mjs';
import { postgresReady, startPostgres, stopPostgres } from './postgres-instance.mjs';
import { ScriptError } from './process.mjs';
import { redisRunning, startRedis, stopRedis } from './redis-instance.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SERVICE_PORTS = {
  demo: { redisPort: 6380, postgresPort: 55432 },
  test: { redisPort: 6381, postgresPort: 55433 },
  bench: { redisPort: 6382, postgresPort: 55434 },
};

const ALL = { redis: true, postgres: true };
const PG_USER = 'imobibase';
const PG_DATABASE = 'imobibase';

/**
 * Starts (or reuses) the private services of `name` ('demo' | 'test' | 'bench') and takes a
 * lease on them. Resolves
 * { redisUrl, databaseUrl, started: { redis, postgres }, release(), stop() }.
 * `release()` drops the lease and stops the services only when no other process holds one
 * and a lease holder had started them: tests use it. `stop()` shuts both down at once;
 * `stop({ onlyStarted: true })` is the same as `release()`.
 * `keepRunning: true` (the services CLI) makes them outlive every lease: only stop() or
 * `services.mjs stop` end them. Services taken from REDIS_URL / DATABASE_URL are never
 * started nor stopped.
 */
export async function startPrivateServices({ name, keepRunning = false }) {
  const layout = layoutOf(name);
  const fromEnv = { redis: process.env.REDIS_URL, postgres: process.env.DATABASE_URL };
  const bins = ensureBinaries({ redis: !fromEnv.redis, postgres: !fromEnv.postgres });
  const started = { redis: false, postgres: false };
  const wanted = { redis: !fromEnv.redis, postgres: !fromEnv.postgres };

  const leaseId = await withLock(layout.varDir, async () => {
    if (!fromEnv.redis) {
      ({ started: started.redis } = await startRedis({
        redisServer: bins.redisServer,
        ...layout.redis,
      }));
    }
    if (!fromEnv.postgres) {
      ({ started: started.postgres } = await startPostgres({ bins, ...layout.postgres }));
    }
    markOwners({ layout, started, wanted, keepRunning });
    return takeLease(layout.varDir);
  });

  return {
    redisUrl: fromEnv.redis ?? layout.redisUrl,
    databaseUrl: fromEnv.postgres ?? layout.databaseUrl,
    started,
    release: () => release({ layout, bins, leaseId, wanted }),
    stop: ({ onlyStarted = false } = {}) => {
      if (onlyStarted) {
        return release({ layout, bins, leaseId, wanted });
      }
      return withLock(layout.varDir, () => {
        dropLease(layout.varDir, leaseId);
        return stopBoth({ layout, bins, wanted });
      });
    },
  };
}

/** Stops the private services of `name` wherever they were started from. */
export async function stopPrivateServices({ name }) {
  const layout = layoutOf(name);
  const bins = locateBinaries();
  return withLock(layout.varDir, () => stopBoth({ layout, bins, wanted: ALL }));
}

/** Reports whether each private service of `name` answers, with its URL and data folder. */
export async function privateServicesStatus({ name }) {
  const layout = layoutOf(name);
  const bins = locateBinaries();
  const postgresUp = bins.psql ? await postgresReady({ bins, ...layout.postgres }) : false;

  return {
    redis: {
      url: layout.redisUrl,
      running: await redisRunning(layout.redis),
      dir: layout.redis.dir,
    },
    postgres: { url: layout.databaseUrl, running: postgresUp, dir: layout.postgres.dir },
  };
}

async function release({ layout, bins, leaseId, wanted }) {
  await withLock(layout.varDir, async () => {
    if (dropLease(layout.varDir, leaseId)) {
      return;
    }
    const owned = {
      redis: wanted.redis && isOwned(layout.varDir, 'redis'),
      postgres: wanted.postgres && isOwned(layout.varDir, 'postgres'),
    };
    await stopBoth({ layout, bins, wanted: owned });
  });
}

async function stopBoth({ layout, bins, wanted }) {
  const stopped = { redis: false, postgres: false };
  if (wanted.redis) {
    ({ stopped: stopped.redis } = await stopRedis(layout.redis));
    markOwned(layout.varDir, 'redis', false);
  }
  if (wanted.postgres) {
    ({ stopped: stopped.postgres } = stopPostgres({ bins, ...layout.postgres }));
    markOwned(layout.varDir, 'postgres', false);
  }
  return stopped;
}

// Only services a lease holder started may be stopped by the last one to leave; a person's
// `services start` takes that right away from them.
function markOwners({ layout, started, wanted, keepRunning }) {
  for (const service of ['redis', 'postgres']) {
    if (keepRunning && wanted[service]) {
      markOwned(layout.varDir, service, false);
    } else if (started[service]) {
      markOwned(layout.varDir, service, true);
    }
  }
}

function layoutOf(name) {
  const ports = SERVICE_PORTS[name];
  if (!ports) {
    throw new ScriptError(
      'SERVICES_ERR_UNKNOWN_NAME',
      `unknown services name '${name}' (expected ${Object.keys(SERVICE_PORTS).join(' or ')})`,
    );
  }

  const varDir = join(REPO_ROOT, 'var', name);
  return {
    varDir,
    redisUrl: `redis://127.0.0.1:${ports.redisPort}`,
    databaseUrl: `postgres://${PG_USER}@127.0.0.1:${ports.postgresPort}/${PG_DATABASE}`,
    redis: { dir: join(varDir, 'redis'), port: ports.redisPort },
    postgres: {
      dir: join(varDir, 'postgres'),
      port: ports.postgresPort,
      user: PG_USER,
      database: PG_DATABASE,
      durable: name !== 'test',
    },
  };
}
