/**
 * Batch inserts for the seed. Each table gets one statement per batch that unnests parallel
 * arrays (one array per column), so 5,000 rows cost one round trip instead of 5,000. Every
 * insert is `ON CONFLICT (id) DO NOTHING`: ids are deterministic, so seeding again is a no-op.
 */
import type { Queryable } from '../db/queryable.js';
import type { AgencySeedRow, AgencyUserSeedRow, LeaseBundle } from './generate.js';

export async function insertAgency(db: Queryable, agency: AgencySeedRow): Promise<void> {
  await db.query(
    `INSERT INTO agencies (id, name, timezone, locale, branding, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING`,
    [
      agency.id,
      agency.name,
      agency.timezone,
      agency.locale,
      JSON.stringify(agency.branding),
      agency.createdAt,
    ],
  );
}

export async function insertAgencyUsers(db: Queryable, users: AgencyUserSeedRow[]): Promise<void> {
  await db.query(
    `INSERT INTO agency_users (id, agency_id, name, email, role, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                          $6::timestamptz[])
     ON CONFLICT DO NOTHING`,
    [
      users.map((user) => user.id),
      users.map((user) => user.agencyId),
      users.map((user) => user.name),
      users.map((user) => user.email),
      users.map((user) => user.role),
      users.map((user) => user.createdAt),
    ],
  );
}

/** Inserts renters, then properties, then leases (the order their foreign keys need). */
export async function insertLeaseBundles(db: Queryable, bundles: LeaseBundle[]): Promise<void> {
  const renters = bundles.map((bundle) => bundle.renter);
  const properties = bundles.map((bundle) => bundle.property);
  const leases = bundles.map((bundle) => bundle.lease);

  await db.query(
    `INSERT INTO renters (id, agency_id, name, cpf, email, phone, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                          $6::text[], $7::timestamptz[])
     ON CONFLICT (id) DO NOTHING`,
    [
      renters.map((row) => row.id),
      renters.map((row) => row.agencyId),
      renters.map((row) => row.name),
      renters.map((row) => row.cpf),
      renters.map((row) => row.email),
      renters.map((row) => row.phone),
      renters.map((row) => row.createdAt),
    ],
  );

  await db.query(
    `INSERT INTO properties (id, agency_id, street, number, complement, neighbourhood, city,
                             state, postal_code, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                          $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
     ON CONFLICT (id) DO NOTHING`,
    [
      properties.map((row) => row.id),
      properties.map((row) => row.agencyId),
      properties.map((row) => row.street),
      properties.map((row) => row.number),
      properties.map((row) => row.complement),
      properties.map((row) => row.neighbourhood),
      properties.map((row) => row.city),
      properties.map((row) => row.state),
      properties.map((row) => row.postalCode),
      properties.map((row) => row.createdAt),
    ],
  );

  await db.query(
    `INSERT INTO leases (id, agency_id, renter_id, property_id, monthly_rent_cents,
                         condo_fee_cents, iptu_share_cents, due_day, status, starts_on, ends_on,
                         created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int8[], $6::int8[],
                          $7::int8[], $8::int2[], $9::text[], $10::date[], $11::date[],
                          $12::timestamptz[])
     ON CONFLICT (id) DO NOTHING`,
    [
      leases.map((row) => row.id),
      leases.map((row) => row.agencyId),
      leases.map((row) => row.renterId),
      leases.map((row) => row.propertyId),
      leases.map((row) => row.monthlyRentCents),
      leases.map((row) => row.condoFeeCents),
      leases.map((row) => row.iptuShareCents),
      leases.map((row) => row.dueDay),
      leases.map((row) => row.status),
      leases.map((row) => row.startsOn),
      leases.map((row) => row.endsOn),
      leases.map((row) => row.createdAt),
    ],
  );
}
