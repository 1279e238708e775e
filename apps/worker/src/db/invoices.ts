/**
 * Queries on `invoices`. An invoice is identified by (lease, period): creating the invoices of a
 * month is an idempotent set-based insert, so a month-end job that runs twice creates nothing
 * the second time and still gets the full list back.
 */
import type { AgencyLocale } from './agencies.js';
import { DbError } from './errors.js';
import type { Queryable } from './queryable.js';
import { readInt, readOptionalDate } from './rows.js';
import { isUuid } from './uuid.js';

export { type InvoiceDocument, loadInvoiceDocument } from './invoice-document.js';

export type InvoiceStatus = 'pending' | 'issued' | 'sent';

export interface LineItem {
  description: string;
  amountCents: number;
}

export interface PeriodInvoice {
  id: string;
  leaseId: string;
  status: InvoiceStatus;
}

export interface PeriodInvoices {
  /** Invoices this call inserted; the rest already existed. */
  createdCount: number;
  /** Every invoice of the agency for the period, new and old, ordered by id. */
  invoices: PeriodInvoice[];
}

export interface InvoiceState {
  id: string;
  status: InvoiceStatus;
  pdfStorageKey: string | null;
  issuedAt: Date | null;
  sentAt: Date | null;
}

export type InvoiceCounts = Record<InvoiceStatus, number> & { total: number };

// Line item descriptions in the agency's locale. The amounts come from the lease; condo fee and
// IPTU share appear only when the lease passes them on (non-zero).
const LINE_ITEM_LABELS: Record<AgencyLocale, Record<'rent' | 'condoFee' | 'iptu', string>> = {
  'pt-BR': { rent: 'Aluguel', condoFee: 'Condomínio', iptu: 'IPTU (cota mensal)' },
  en: { rent: 'Rent', condoFee: 'Condominium fee', iptu: 'Property tax (IPTU), monthly share' },
};

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Splits `YYYY-MM` into numbers, throwing `DB_ERR_PERIOD_INVALID` for anything else. */
export function parsePeriod(period: string): { year: number; month: number } {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) {
    throw new DbError('DB_ERR_PERIOD_INVALID', `period must be YYYY-MM, got "${period}"`);
  }
  return { year: Number(match[1]), month: Number(match[2]) };
}

// A lease is billed for a month when it is active and its term overlaps that month. Due date is
// the lease's due day in the billed month (due_day is 1..28, so the day always exists).
const CREATE_SQL = `
  WITH bounds AS (
    SELECT make_date($3, $4, 1) AS first_day,
           (make_date($3, $4, 1) + interval '1 month' - interval '1 day')::date AS last_day
  ), labels AS (
    SELECT coalesce($5::jsonb -> a.locale, $5::jsonb -> 'pt-BR') AS label
      FROM agencies a WHERE a.id = $1
  ), inserted AS (
    INSERT INTO invoices (agency_id, lease_id, period, line_items, amount_cents, due_date)
    SELECT l.agency_id, l.id, $2,
           jsonb_build_array(jsonb_build_object(
             'description', lb.label ->> 'rent', 'amountCents', l.monthly_rent_cents))
           || CASE WHEN l.condo_fee_cents > 0 THEN jsonb_build_array(jsonb_build_object(
             'description', lb.label ->> 'condoFee', 'amountCents', l.condo_fee_cents))
              ELSE '[]'::jsonb END
           || CASE WHEN l.iptu_share_cents > 0 THEN jsonb_build_array(jsonb_build_object(
             'description', lb.label ->> 'iptu', 'amountCents', l.iptu_share_cents))
              ELSE '[]'::jsonb END,
           l.monthly_rent_cents + l.condo_fee_cents + l.iptu_share_cents,
           make_date($3, $4, l.due_day)
      FROM leases l CROSS JOIN bounds b CROSS JOIN labels lb
     WHERE l.agency_id = $1
       AND l.status = 'active'
       AND l.starts_on <= b.last_day
       AND (l.ends_on IS NULL OR l.ends_on >= b.first_day)
     ORDER BY l.id
    ON CONFLICT (lease_id, period) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS created_count FROM inserted`;

/**
 * Creates the invoices of every billable lease of the agency for the period (skipping those that
 * exist) in one statement, then lists all of the period's invoices. The list is read in a
 * second statement so it also holds rows a concurrent call inserted meanwhile.
 */
export async function createInvoicesForPeriod(
  db: Queryable,
  input: { agencyId: string; period: string },
): Promise<PeriodInvoices> {
  const { year, month } = parsePeriod(input.period);
  if (!isUuid(input.agencyId)) {
    return { createdCount: 0, invoices: [] };
  }

  const created = await db.query<{ created_count: number }>(CREATE_SQL, [
    input.agencyId,
    input.period,
    year,
    month,
    JSON.stringify(LINE_ITEM_LABELS),
  ]);

  const listed = await db.query<{ id: string; lease_id: string; status: InvoiceStatus }>(
    `SELECT id, lease_id, status FROM invoices
      WHERE agency_id = $1 AND period = $2
      ORDER BY id`,
    [input.agencyId, input.period],
  );

  return {
    createdCount: readInt(created.rows[0]?.created_count ?? 0),
    invoices: listed.rows.map((row) => ({ id: row.id, leaseId: row.lease_id, status: row.status })),
  };
}

const STATE_COLUMNS = 'id, status, pdf_storage_key, issued_at, sent_at';

/**
 * Stores the PDF's key and moves a pending invoice to `issued`. Safe to repeat: `issued_at`
 * keeps its first value and a `sent` invoice stays `sent`. `null` when the invoice is unknown.
 */
export async function markInvoiceIssued(
  db: Queryable,
  input: { invoiceId: string; storageKey: string },
): Promise<InvoiceState | null> {
  if (!isUuid(input.invoiceId)) {
    return null;
  }

  const { rows } = await db.query(
    `UPDATE invoices
        SET status = CASE WHEN status = 'pending' THEN 'issued' ELSE status END,
            pdf_storage_key = $2,
            issued_at = coalesce(issued_at, now())
      WHERE id = $1
      RETURNING ${STATE_COLUMNS}`,
    [input.invoiceId, input.storageKey],
  );
  return rows[0] ? toState(rows[0]) : null;
}

/**
 * Moves an issued invoice to `sent`. Safe to repeat: `sent_at` keeps its first value. A still
 * pending invoice (no PDF yet) is left as it is and returned unchanged; `null` when unknown.
 */
export async function markInvoiceSent(
  db: Queryable,
  invoiceId: string,
): Promise<InvoiceState | null> {
  if (!isUuid(invoiceId)) {
    return null;
  }

  const { rows } = await db.query(
    `WITH updated AS (
       UPDATE invoices
          SET status = 'sent', sent_at = coalesce(sent_at, now())
        WHERE id = $1 AND status IN ('issued', 'sent')
        RETURNING ${STATE_COLUMNS}
     )
     SELECT * FROM updated
     UNION ALL
     SELECT ${STATE_COLUMNS} FROM invoices
      WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM updated)`,
    [invoiceId],
  );
  return rows[0] ? toState(rows[0]) : null;
}

/** How many of the agency's invoices for the period are in each status. */
export async function countInvoicesByStatus(
  db: Queryable,
  input: { agencyId: string; period: string },
): Promise<InvoiceCounts> {
  parsePeriod(input.period);
  const counts: InvoiceCounts = { pending: 0, issued: 0, sent: 0, total: 0 };
  if (!isUuid(input.agencyId)) {
    return counts;
  }

  const { rows } = await db.query<{ status: InvoiceStatus; count: unknown }>(
    `SELECT status, count(*) AS count FROM invoices
      WHERE agency_id = $1 AND period = $2
      GROUP BY status`,
    [input.agencyId, input.period],
  );
  for (const row of rows) {
    counts[row.status] = readInt(row.count);
    counts.total += counts[row.status];
  }
  return counts;
}

function toState(row: Record<string, unknown>): InvoiceState {
  return {
    id: String(row.id),
    status: row.status as InvoiceStatus,
    pdfStorageKey: row.pdf_storage_key == null ? null : String(row.pdf_storage_key),
    issuedAt: readOptionalDate(row.issued_at),
    sentAt: readOptionalDate(row.sent_at),
  };
}
