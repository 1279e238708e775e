import { Writable } from 'node:stream';
import type pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from './fresh-database.js';
import { createPool } from './pool.js';

let pool: pg.Pool | undefined;

afterEach(async () => {
  await pool?.end();
  pool = undefined;
});

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino(stream), lines };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('createPool', () => {
  it('reads bigint as a number and a date as YYYY-MM-DD text', async () => {
    pool = createPool(testDatabaseUrl());

    const { rows } = await pool.query(
      `SELECT 9007199254740991::int8 AS cents, count(*) AS count, '2025-03-10'::date AS day
         FROM generate_series(1, 3)`,
    );

    expect(rows[0]).toEqual({ cents: 9_007_199_254_740_991, count: 3, day: '2025-03-10' });
  });

  it('refuses a bigint that a JS number cannot hold exactly', async () => {
    pool = createPool(testDatabaseUrl());

    const attempt = pool.query('SELECT 9007199254740993::int8 AS cents');

    await expect(attempt).rejects.toMatchObject({ code: 'DB_ERR_INT8_UNSAFE' });
  });

  it('limits statements with the statement timeout', async () => {
    pool = createPool(testDatabaseUrl(), { statementTimeoutMs: 50 });

    await expect(pool.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
  });

  it('logs, instead of crashing, when an idle client is cut off', async () => {
    const { logger, lines } = memoryLogger();
    pool = createPool(testDatabaseUrl(), { logger, applicationName: 'pool-test-idle' });
    const client = await pool.connect();
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    client.release();

    const killer = createPool(testDatabaseUrl(), { maxConnections: 1 });
    await killer.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    await killer.end();

    await until(() => lines.some((line) => line.msg === 'idle postgres client failed'));
    expect(pool.totalCount).toBe(0);
  });
});
