/**
 * `node dist/cli/migrate.js`: brings the database in DATABASE_URL to the latest schema and
 * prints one log line saying what it applied.
 */
import { pino } from 'pino';
import { applyMigrations } from '../db/migrate.js';

const logger = pino({ base: { component: 'migrate-cli' } });

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    logger.error('DATABASE_URL is not set');
    return 1;
  }

  const startedAt = performance.now();
  try {
    const applied = await applyMigrations(databaseUrl);
    const durationMs = Math.round(performance.now() - startedAt);
    logger.info({ applied, durationMs }, 'migrations applied');
    return 0;
  } catch (err) {
    logger.error({ err }, 'migrations failed');
    return 1;
  }
}

process.exitCode = await main();
