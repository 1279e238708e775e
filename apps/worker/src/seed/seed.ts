/**
 * Seeds the demo agency, "Imobiliária Horizonte Ltda.", with N active leases and a few ended
 * ones. Everything runs in one transaction, in batches of 5,000 leases generated on the fly so
 * memory stays flat at 100,000 leases. Seeding twice with the same seed changes nothing.
 */
import type pg from 'pg';
import { readInt } from '../db/rows.js';
import {
  DEMO_AGENCY_ID,
  demoAgency,
  demoAgencyUsers,
  endedLeaseCount,
  generateLeaseBundles,
  type LeaseKind,
} from './generate.js';
import { insertAgency, insertAgencyUsers, insertLeaseBundles } from './insert.js';

export { DEMO_AGENCY_ID } from './generate.js';

export const SEED_BATCH_SIZE = 5000;

/** Upper bound of `leases`: what the benchmarks need, and a guard against a typo. */
export const MAX_SEED_LEASES = 1_000_000;

export interface SeedOptions {
  /** Active leases to create. @defaultValue 25 */
  leases?: number;
  /** PRNG seed; the same seed gives the same rows. @defaultValue 1 */
  seed?: number;
}

export interface SeedResult {
  agencyId: string;
  /** Active leases the agency has after seeding: `leases` on a fresh database. */
  leaseCount: number;
}

export class SeedError extends Error {
  override name = 'SeedError';
  readonly code = 'SEED_ERR_OPTIONS_INVALID';
}

export async function seedDemo(pool: pg.Pool, opts: SeedOptions = {}): Promise<SeedResult> {
  const leases = opts.leases ?? 25;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(leases) || leases < 1 || leases > MAX_SEED_LEASES) {
    throw new SeedError(`leases must be an integer from 1 to ${MAX_SEED_LEASES}`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new SeedError('seed must be an integer');
  }

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const agency = demoAgency();
    await insertAgency(client, agency);
    await insertAgencyUsers(client, demoAgencyUsers(agency.id));
    await insertLeases(client, { agencyId: agency.id, seed, kind: 'active', total: leases });
    await insertLeases(client, {
      agencyId: agency.id,
      seed,
      kind: 'ended',
      total: endedLeaseCount(leases),
    });

    const leaseCount = await countActiveLeases(client, agency.id);
    await client.query('COMMIT');
    return { agencyId: DEMO_AGENCY_ID, leaseCount };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function insertLeases(
  client: pg.PoolClient,
  input: { agencyId: string; seed: number; kind: LeaseKind; total: number },
): Promise<void> {
  for (let from = 0; from < input.total; from += SEED_BATCH_SIZE) {
    const count = Math.min(SEED_BATCH_SIZE, input.total - from);
    const bundles = generateLeaseBundles({ ...input, from, count });
    await insertLeaseBundles(client, bundles);
  }
}

async function countActiveLeases(client: pg.PoolClient, agencyId: string): Promise<number> {
  const { rows } = await client.query(
    `SELECT count(*) AS count FROM leases WHERE agency_id = $1 AND status = 'active'`,
    [agencyId],
  );
  return readInt(rows[0]?.count ?? 0);
}
