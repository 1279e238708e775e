import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_TABLE } from '../apps/worker/src/db/migrate.js';
import { testDatabaseUrl, testRedisUrl } from './helpers/services.js';

describe('the services resolved by the global setup', () => {
  let redis: Redis;
  let db: pg.Client;

  beforeAll(async () => {
    redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });

  afterAll(async () => {
    await redis?.quit();
    await db?.end();
  });

  it('hands the same URLs to the environment of test workers', () => {
    expect(process.env.REDIS_URL).toBe(testRedisUrl());
    expect(process.env.DATABASE_URL).toBe(testDatabaseUrl());
  });

  it('gives a Redis that answers PING and never evicts keys', async () => {
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual([
      'maxmemory-policy',
      'noeviction',
    ]);
  });

  it('gives a fresh PostgreSQL database that answers queries', async () => {
    const { rows } = await db.query<{ one: number; name: string }>(
      'select 1 as one, current_database() as name',
    );

    expect(rows[0]?.one).toBe(1);
    expect(rows[0]?.name).toMatch(/^imobibase_test_[0-9a-f]{8}$/);
  });

  it('has the worker migrations applied', async () => {
    const { rows } = await db.query<{ table: string | null }>('select to_regclass($1) as table', [
      MIGRATIONS_TABLE,
    ]);
    const applied = await db.query(`select name from ${MIGRATIONS_TABLE}`);

    expect(rows[0]?.table).toBe(MIGRATIONS_TABLE);
    expect(applied.rowCount).toBeGreaterThan(0);
  });
});
