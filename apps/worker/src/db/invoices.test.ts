import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_ID, seedDemo } from '../seed/seed.js';
import { createFreshDatabase, type FreshDatabase, testDatabaseUrl } from './fresh-database.js';
import {
  countInvoicesByStatus,
  createInvoicesForPeriod,
  loadInvoiceDocument,
  markInvoiceIssued,
  markInvoiceSent,
} from './invoices.js';
import { createPool } from './pool.js';

const PERIOD = '2025-03';
const LEASES = 25;

let database: FreshDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createFreshDatabase(testDatabaseUrl(), { migrate: true });
  pool = createPool(database.url, { maxConnections: 4 });
  await seedDemo(pool, { leases: LEASES, seed: 7 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

// An agency of its own with one lease whose renter and address carry accents.
async function insertAccentedLease(): Promise<{ agencyId: string; leaseId: string }> {
  const { rows } = await pool.query(
    `WITH a AS (
       INSERT INTO agencies (name, locale, branding)
       VALUES ('Imobiliária Conceição & Filhos', 'en', '{"legalName": "Conceição Imóveis Ltda."}')
       RETURNING id
     ), r AS (
       INSERT INTO renters (agency_id, name, cpf, email, phone)
       SELECT id, 'João Conceição', '41827365080', 'joao.conceicao@example.test',
              '+55 11 91234-5678' FROM a
       RETURNING id
     ), p AS (
       INSERT INTO properties (agency_id, street, number, complement, neighbourhood, city,
                               state, postal_code)
       SELECT id, 'Rua São Tomé', '45', 'Apto 12', 'Santa Cecília', 'São Paulo', 'SP',
              '01234-567' FROM a
       RETURNING id
     )
     INSERT INTO leases (agency_id, renter_id, property_id, monthly_rent_cents, condo_fee_cents,
                         due_day, starts_on)
     SELECT a.id, r.id, p.id, 250000, 68740, 10, '2024-01-15' FROM a, r, p
     RETURNING agency_id, id`,
  );
  return { agencyId: rows[0].agency_id, leaseId: rows[0].id };
}

describe('createInvoicesForPeriod', () => {
  it('creates one pending invoice per active lease and none for ended leases', async () => {
    const result = await createInvoicesForPeriod(pool, {
      agencyId: DEMO_AGENCY_ID,
      period: PERIOD,
    });

    expect(result.createdCount).toBe(LEASES);
    expect(result.invoices).toHaveLength(LEASES);
    expect(new Set(result.invoices.map((invoice) => invoice.status))).toEqual(new Set(['pending']));

    const { rows } = await pool.query(
      `SELECT count(*) AS count FROM invoices i JOIN leases l ON l.id = i.lease_id
        WHERE l.status <> 'active'`,
    );
    expect(rows[0].count).toBe(0);
  });

  it('creates nothing the second time and lists the same invoices in order', async () => {
    const first = await createInvoicesForPeriod(pool, { agencyId: DEMO_AGENCY_ID, period: PERIOD });
    const second = await createInvoicesForPeriod(pool, {
      agencyId: DEMO_AGENCY_ID,
      period: PERIOD,
    });

    expect(second.createdCount).toBe(0);
    expect(second.invoices).toEqual(first.invoices);
    const ids = first.invoices.map((invoice) => invoice.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('bills rent plus charges, due on the lease due day of the period', async () => {
    const { rows } = await pool.query(
      `SELECT i.line_items, i.amount_cents, i.due_date::text AS due_date, l.due_day,
              l.monthly_rent_cents + l.condo_fee_cents + l.iptu_share_cents AS expected
         FROM invoices i JOIN leases l ON l.id = i.lease_id
        WHERE i.agency_id = $1 AND i.period = $2`,
      [DEMO_AGENCY_ID, PERIOD],
    );

    for (const row of rows) {
      const sum = row.line_items.reduce(
        (total: number, item: { amountCents: number }) => total + item.amountCents,
        0,
      );
      expect(sum).toBe(row.amount_cents);
      expect(row.amount_cents).toBe(row.expected);
      expect(row.line_items[0].description).toBe('Aluguel');
      expect(row.due_date).toBe(`${PERIOD}-${String(row.due_day).padStart(2, '0')}`);
    }
  });

  it('counts the invoices of the period by status', async () => {
    const counts = await countInvoicesByStatus(pool, { agencyId: DEMO_AGENCY_ID, period: PERIOD });

    expect(counts).toEqual({ pending: LEASES, issued: 0, sent: 0, total: LEASES });
  });

  it('bills a lease only for months its term overlaps', async () => {
    const { agencyId } = await insertAccentedLease();

    const before = await createInvoicesForPeriod(pool, { agencyId, period: '2023-12' });
    const during = await createInvoicesForPeriod(pool, { agencyId, period: '2024-01' });

    expect(before.invoices).toEqual([]);
    expect(during.createdCount).toBe(1);
  });

  it('skips ended and suspended leases even in a month their term covers', async () => {
    const { agencyId, leaseId } = await insertAccentedLease();
    await pool.query(
      `INSERT INTO leases (agency_id, renter_id, property_id, monthly_rent_cents, due_day,
                           status, starts_on, ends_on)
       SELECT agency_id, renter_id, property_id, monthly_rent_cents, due_day, s.status,
              starts_on, s.ends_on
         FROM leases,
              (VALUES ('ended', '2025-06-20'::date), ('suspended', NULL)) AS s (status, ends_on)
        WHERE id = $1`,
      [leaseId],
    );

    const result = await createInvoicesForPeriod(pool, { agencyId, period: '2025-06' });

    expect(result.invoices.map((invoice) => invoice.leaseId)).toEqual([leaseId]);
  });

  it('rejects a malformed period with a coded error', async () => {
    const attempt = createInvoicesForPeriod(pool, { agencyId: DEMO_AGENCY_ID, period: '2025-13' });

    await expect(attempt).rejects.toMatchObject({ code: 'DB_ERR_PERIOD_INVALID' });
  });
});

describe('loadInvoiceDocument', () => {
  it('returns accented text intact and line items in the agency locale', async () => {
    const { agencyId } = await insertAccentedLease();
    const { invoices } = await createInvoicesForPeriod(pool, { agencyId, period: PERIOD });
    const invoiceId = invoices[0]?.id ?? '';

    const document = await loadInvoiceDocument(pool, invoiceId);

    expect(document?.renter).toMatchObject({ name: 'João Conceição', cpf: '41827365080' });
    expect(document?.property.addressLine).toBe('Rua São Tomé, 45 – Apto 12');
    expect(document?.property).toMatchObject({ neighbourhood: 'Santa Cecília', city: 'São Paulo' });
    expect(document?.agency).toMatchObject({
      name: 'Imobiliária Conceição & Filhos',
      locale: 'en',
      timezone: 'America/Sao_Paulo',
      branding: { legalName: 'Conceição Imóveis Ltda.' },
    });
    expect(document?.invoice).toMatchObject({
      period: PERIOD,
      amountCents: 318_740,
      dueDate: `${PERIOD}-10`,
      status: 'pending',
      lineItems: [
        { description: 'Rent', amountCents: 250_000 },
        { description: 'Condominium fee', amountCents: 68_740 },
      ],
    });
  });

  it('returns null for an unknown or malformed id', async () => {
    expect(await loadInvoiceDocument(pool, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await loadInvoiceDocument(pool, 'not-a-uuid')).toBeNull();
  });
});

describe('invoice status changes', () => {
  it('moves an invoice from pending to issued to sent, keeping the first timestamps', async () => {
    const { invoices } = await createInvoicesForPeriod(pool, {
      agencyId: DEMO_AGENCY_ID,
      period: '2025-04',
    });
    const invoiceId = invoices[0]?.id ?? '';
    const storageKey = `invoices/${invoiceId}.pdf`;

    const issued = await markInvoiceIssued(pool, { invoiceId, storageKey });
    const issuedAgain = await markInvoiceIssued(pool, { invoiceId, storageKey });
    const sent = await markInvoiceSent(pool, invoiceId);
    const sentAgain = await markInvoiceSent(pool, invoiceId);
    const reissued = await markInvoiceIssued(pool, { invoiceId, storageKey });

    expect(issued).toMatchObject({ status: 'issued', pdfStorageKey: storageKey, sentAt: null });
    expect(issuedAgain?.issuedAt).toEqual(issued?.issuedAt);
    expect(sent?.status).toBe('sent');
    expect(sentAgain?.sentAt).toEqual(sent?.sentAt);
    expect(reissued?.status).toBe('sent');
  });

  it('leaves a pending invoice pending when asked to mark it sent', async () => {
    const { invoices } = await createInvoicesForPeriod(pool, {
      agencyId: DEMO_AGENCY_ID,
      period: '2025-05',
    });
    const invoiceId = invoices[0]?.id ?? '';

    const state = await markInvoiceSent(pool, invoiceId);

    expect(state).toMatchObject({ id: invoiceId, status: 'pending', sentAt: null });
  });

  it('returns null for an unknown invoice', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';

    expect(await markInvoiceIssued(pool, { invoiceId: unknown, storageKey: 'x' })).toBeNull();
    expect(await markInvoiceSent(pool, unknown)).toBeNull();
  });
});
