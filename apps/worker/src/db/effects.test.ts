import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEffect, recordEffect } from './effects.js';
import { createFreshDatabase, type FreshDatabase, testDatabaseUrl } from './fresh-database.js';
import { createPool } from './pool.js';

let database: FreshDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createFreshDatabase(testDatabaseUrl(), { migrate: true });
  pool = createPool(database.url, { maxConnections: 4 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('recordEffect', () => {
  it('inserts the first time and reports a duplicate after', async () => {
    const effect = { key: 'email:job-1', kind: 'email.sent', jobId: 'job-1' };

    const first = await recordEffect(pool, {
      ...effect,
      detail: { messageId: '<a@example.test>' },
    });
    const second = await recordEffect(pool, {
      ...effect,
      detail: { messageId: '<b@example.test>' },
    });

    expect(first).toBe(true);
    expect(second).toBe(false);
    const stored = await findEffect(pool, effect.key);
    expect(stored).toMatchObject({ ...effect, detail: { messageId: '<a@example.test>' } });
    expect(stored?.recordedAt).toBeInstanceOf(Date);
  });

  it('lets exactly one of many concurrent records win', async () => {
    const effect = { key: 'email:job-race', kind: 'email.sent', jobId: 'job-race' };

    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, attempt) =>
        recordEffect(pool, { ...effect, detail: { attempt } }),
      ),
    );

    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('stores an empty detail when none is given', async () => {
    await recordEffect(pool, { key: 'file:x', kind: 'storage.put', jobId: null });

    expect(await findEffect(pool, 'file:x')).toMatchObject({ detail: {}, jobId: null });
  });
});

describe('findEffect', () => {
  it('returns null for a key never recorded', async () => {
    expect(await findEffect(pool, 'email:never')).toBeNull();
  });
});
