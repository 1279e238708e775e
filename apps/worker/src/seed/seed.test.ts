import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase, testDatabaseUrl } from '../db/fresh-database.js';
import { createPool } from '../db/pool.js';
import { endedLeaseCount, generateLeaseBundles } from './generate.js';
import { DEMO_AGENCY_ID, seedDemo } from './seed.js';

let database: FreshDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createFreshDatabase(testDatabaseUrl(), { migrate: true });
  pool = createPool(database.url, { maxConnections: 2 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function tableCounts() {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM agencies) AS agencies,
            (SELECT count(*) FROM agency_users) AS users,
            (SELECT count(*) FROM renters) AS renters,
            (SELECT count(*) FROM properties) AS properties,
            (SELECT count(*) FROM leases WHERE status = 'active') AS active,
            (SELECT count(*) FROM leases WHERE status = 'ended') AS ended`,
  );
  return rows[0];
}

describe('seedDemo', () => {
  it('creates the demo agency with the active and ended leases asked for', async () => {
    const result = await seedDemo(pool, { leases: 40, seed: 11 });

    expect(result).toEqual({ agencyId: DEMO_AGENCY_ID, leaseCount: 40 });
    const ended = endedLeaseCount(40);
    expect(await tableCounts()).toEqual({
      agencies: 1,
      users: 3,
      renters: 40 + ended,
      properties: 40 + ended,
      active: 40,
      ended,
    });
  });

  it('duplicates nothing when run again with the same seed', async () => {
    const before = await tableCounts();

    const result = await seedDemo(pool, { leases: 40, seed: 11 });

    expect(result.leaseCount).toBe(40);
    expect(await tableCounts()).toEqual(before);
  });

  it('stores exactly the generated rows, accents included', async () => {
    const expected = generateLeaseBundles({
      agencyId: DEMO_AGENCY_ID,
      seed: 11,
      kind: 'active',
      from: 0,
      count: 40,
    }).map(({ renter }) => renter);

    const { rows } = await pool.query(
      `SELECT r.id, r.agency_id AS "agencyId", r.name, r.cpf, r.email, r.phone,
              to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                AS "createdAt"
         FROM renters r JOIN leases l ON l.renter_id = r.id
        WHERE l.status = 'active' ORDER BY r.id`,
    );

    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(rows).toEqual([...expected].sort(byId));
  });

  it('extends the agency when asked for more leases with the same seed', async () => {
    const result = await seedDemo(pool, { leases: 60, seed: 11 });

    expect(result.leaseCount).toBe(60);
    expect((await tableCounts()).ended).toBe(endedLeaseCount(60));
  });

  it('rejects a lease count out of range', async () => {
    await expect(seedDemo(pool, { leases: 0 })).rejects.toMatchObject({
      code: 'SEED_ERR_OPTIONS_INVALID',
    });
  });
});
