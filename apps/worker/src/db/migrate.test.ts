import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase, testDatabaseUrl } from './fresh-database.js';
import { applyMigrations, MIGRATIONS_DIR, runMigrations } from './migrate.js';

const TABLES = [
  'agencies',
  'agency_users',
  'effects',
  'invoices',
  'leases',
  'pgmigrations',
  'properties',
  'renters',
];

let database: FreshDatabase | undefined;

afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe('runMigrations', () => {
  it('finds the migrations folder of the worker app from the source tree', () => {
    expect(MIGRATIONS_DIR.endsWith(path.join('apps', 'worker', 'migrations'))).toBe(true);
    expect(existsSync(path.join(MIGRATIONS_DIR, '0001_initial-schema.sql'))).toBe(true);
  });

  it('creates every table on a fresh database', async () => {
    database = await createFreshDatabase(testDatabaseUrl());

    await runMigrations(database.url);

    const { rows } = await query(
      database.url,
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual(TABLES);
  });

  it('applies nothing the second time', async () => {
    database = await createFreshDatabase(testDatabaseUrl());

    const first = await applyMigrations(database.url);
    const second = await applyMigrations(database.url);

    expect(first).toEqual(['0001_initial-schema']);
    expect(second).toEqual([]);
  });

  it('serialises concurrent runs so each migration is applied once', async () => {
    database = await createFreshDatabase(testDatabaseUrl());
    const url = database.url;

    const runs = await Promise.all([applyMigrations(url), applyMigrations(url)]);

    expect(runs.flat()).toEqual(['0001_initial-schema']);
    const { rows } = await query(url, 'SELECT count(*)::int AS count FROM pgmigrations');
    expect(rows[0].count).toBe(1);
  });

  it('fails with a coded error when the database does not exist', async () => {
    const url = new URL(testDatabaseUrl());
    url.pathname = '/imobibase_missing_database';

    await expect(runMigrations(url.toString())).rejects.toMatchObject({
      name: 'DbError',
      code: 'DB_ERR_MIGRATION_FAILED',
    });
  });
});
