/**
 * Applies the SQL migrations in `apps/worker/migrations/` with node-pg-migrate.
 *
 * The folder is found from this module's own URL, two levels up, which is the same place from
 * `src/db/migrate.ts` (tests, tsx) and from the compiled `dist/db/migrate.js`. Concurrent callers
 * (worker replicas starting together, parallel test setups) are serialised by node-pg-migrate's
 * advisory lock in `wait` mode: the first applies, the others find nothing left to do.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { Logger } from 'pino';
import { DbError } from './errors.js';

export const MIGRATIONS_TABLE = 'pgmigrations';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface MigrateOptions {
  /** Receives node-pg-migrate's messages: progress at debug, problems at warn and error. */
  logger?: Logger;
}

/** Brings the database to the latest schema; safe to call on every start. */
export async function runMigrations(databaseUrl: string, opts: MigrateOptions = {}): Promise<void> {
  await applyMigrations(databaseUrl, opts);
}

/** Like `runMigrations`, returning the names of the migrations this call applied. */
export async function applyMigrations(
  databaseUrl: string,
  opts: MigrateOptions = {},
): Promise<string[]> {
  if (!existsSync(MIGRATIONS_DIR)) {
    throw new DbError('DB_ERR_MIGRATIONS_DIR_MISSING', `no migrations folder at ${MIGRATIONS_DIR}`);
  }

  try {
    const applied = await runner({
      databaseUrl,
      dir: MIGRATIONS_DIR,
      migrationsTable: MIGRATIONS_TABLE,
      direction: 'up',
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      logger: toMigrateLogger(opts.logger),
    });
    return applied.map((migration) => migration.name);
  } catch (err) {
    throw new DbError('DB_ERR_MIGRATION_FAILED', 'database migration failed', { cause: err });
  }
}

// node-pg-migrate logs progress with `info` and failed SQL with `error`. Progress is noise for a
// worker that migrates on every start, so it goes to debug; with no logger everything is quiet
// and failures still surface as the thrown DbError.
function toMigrateLogger(logger: Logger | undefined) {
  if (!logger) {
    const ignore = () => {};
    return { debug: ignore, info: ignore, warn: ignore, error: ignore };
  }

  const log = logger.child({ component: 'migrations' });
  return {
    debug: (msg: string) => log.trace({ detail: msg }, 'migration debug'),
    info: (msg: string) => log.debug({ detail: msg }, 'migration progress'),
    warn: (msg: string) => log.warn({ detail: msg }, 'migration warning'),
    error: (msg: string) => log.error({ detail: msg }, 'migration error'),
  };
}
