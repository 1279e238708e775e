/**
 * `node dist/cli/seed.js --leases N --seed S`: migrates the database in DATABASE_URL, seeds the
 * demo agency and prints `{ "agencyId", "leaseCount" }` as the last line of stdout. Logs go to
 * stderr so stdout carries only that JSON.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { runMigrations } from '../db/migrate.js';
import { createPool } from '../db/pool.js';
import { seedDemo } from '../seed/seed.js';

const logger = pino({ base: { component: 'seed-cli' } }, pino.destination(2));

function readOptions(): { leases: number; seed: number } {
  const { values } = parseArgs({
    options: {
      leases: { type: 'string', default: '25' },
      seed: { type: 'string', default: '1' },
    },
  });
  return { leases: Number(values.leases), seed: Number(values.seed) };
}

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    logger.error('DATABASE_URL is not set');
    return 1;
  }

  const pool = createPool(databaseUrl, { logger, maxConnections: 2, statementTimeoutMs: 120_000 });
  const startedAt = performance.now();
  try {
    const options = readOptions();
    await runMigrations(databaseUrl, { logger });
    const result = await seedDemo(pool, options);
    const durationMs = Math.round(performance.now() - startedAt);
    logger.info({ ...options, leaseCount: result.leaseCount, durationMs }, 'seed completed');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    logger.error({ err }, 'seed failed');
    return 1;
  } finally {
    await pool.end();
  }
}

process.exitCode = await main();
