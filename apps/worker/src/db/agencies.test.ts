import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_ID, seedDemo } from '../seed/seed.js';
import { findAgency, listAgencies } from './agencies.js';
import { createFreshDatabase, type FreshDatabase, testDatabaseUrl } from './fresh-database.js';
import { createPool } from './pool.js';

let database: FreshDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createFreshDatabase(testDatabaseUrl(), { migrate: true });
  pool = createPool(database.url, { maxConnections: 2 });
  await seedDemo(pool, { leases: 3 });
  await pool.query(`INSERT INTO agencies (name, locale) VALUES ('Águia Imóveis', 'en')`);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('findAgency', () => {
  it('returns the demo agency with its branding', async () => {
    const agency = await findAgency(pool, DEMO_AGENCY_ID);

    expect(agency).toMatchObject({
      id: DEMO_AGENCY_ID,
      name: 'Imobiliária Horizonte Ltda.',
      timezone: 'America/Sao_Paulo',
      locale: 'pt-BR',
      branding: { legalName: 'Imobiliária Horizonte Ltda.', primaryColor: '#0B5CAD' },
    });
    expect(agency?.createdAt.toISOString()).toBe('2019-03-04T12:00:00.000Z');
  });

  it('returns null for an unknown or malformed id', async () => {
    expect(await findAgency(pool, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await findAgency(pool, 'horizonte')).toBeNull();
  });
});

describe('listAgencies', () => {
  it('lists every agency oldest first, with the defaults filled in', async () => {
    const agencies = await listAgencies(pool);

    expect(agencies.map((agency) => agency.name)).toEqual([
      'Imobiliária Horizonte Ltda.',
      'Águia Imóveis',
    ]);
    expect(agencies[1]).toMatchObject({ timezone: 'America/Sao_Paulo', branding: {} });
  });
});
