/**
 * Everything the invoice PDF and its email need, read in one query: the invoice with its lease,
 * the renter, the property's address and the agency's name, timezone, locale and branding.
 */
import type { AgencyBranding, AgencyLocale } from './agencies.js';
import type { InvoiceStatus, LineItem } from './invoices.js';
import type { Queryable } from './queryable.js';
import { readDate, readInt, readOptionalDate } from './rows.js';
import { isUuid } from './uuid.js';

export interface InvoiceDocument {
  invoice: {
    id: string;
    /** `YYYY-MM` */
    period: string;
    lineItems: LineItem[];
    amountCents: number;
    /** `YYYY-MM-DD`, a calendar day in the agency's timezone. */
    dueDate: string;
    status: InvoiceStatus;
    pdfStorageKey: string | null;
    issuedAt: Date | null;
    sentAt: Date | null;
    createdAt: Date;
  };
  lease: {
    id: string;
    monthlyRentCents: number;
    dueDay: number;
    status: 'active' | 'ended' | 'suspended';
    /** `YYYY-MM-DD` */
    startsOn: string;
    endsOn: string | null;
  };
  renter: { id: string; name: string; cpf: string; email: string; phone: string };
  property: {
    id: string;
    street: string;
    number: string;
    complement: string | null;
    neighbourhood: string;
    city: string;
    /** Two-letter UF, for example `SP`. */
    state: string;
    postalCode: string;
    /** `street, number – complement`, for example `Rua São Tomé, 45 – Apto 12`. */
    addressLine: string;
  };
  agency: {
    id: string;
    name: string;
    timezone: string;
    locale: AgencyLocale;
    branding: AgencyBranding;
  };
}

// Dates go out as text so the result does not depend on the pool's date parser.
const DOCUMENT_SQL = `
  SELECT i.id, i.period, i.line_items, i.amount_cents,
         to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.status, i.pdf_storage_key,
         i.issued_at, i.sent_at, i.created_at,
         l.id AS lease_id, l.monthly_rent_cents, l.due_day, l.status AS lease_status,
         to_char(l.starts_on, 'YYYY-MM-DD') AS starts_on,
         to_char(l.ends_on, 'YYYY-MM-DD') AS ends_on,
         r.id AS renter_id, r.name AS renter_name, r.cpf, r.email, r.phone,
         p.id AS property_id, p.street, p.number, p.complement, p.neighbourhood, p.city,
         p.state, p.postal_code,
         a.id AS agency_id, a.name AS agency_name, a.timezone, a.locale, a.branding
    FROM invoices i
    JOIN leases l ON l.id = i.lease_id
    JOIN renters r ON r.id = l.renter_id
    JOIN properties p ON p.id = l.property_id
    JOIN agencies a ON a.id = i.agency_id
   WHERE i.id = $1`;

type DocumentRow = Record<string, unknown> & {
  id: string;
  period: string;
  line_items: LineItem[];
  status: InvoiceStatus;
  lease_status: InvoiceDocument['lease']['status'];
  locale: AgencyLocale;
  branding: AgencyBranding | null;
};

/** The invoice's document data, or `null` when no invoice has that id. */
export async function loadInvoiceDocument(
  db: Queryable,
  invoiceId: string,
): Promise<InvoiceDocument | null> {
  if (!isUuid(invoiceId)) {
    return null;
  }

  const { rows } = await db.query<DocumentRow>(DOCUMENT_SQL, [invoiceId]);
  const row = rows[0];
  return row ? toDocument(row) : null;
}

export function formatAddressLine(street: string, number: string, complement: string | null) {
  const base = `${street}, ${number}`;
  return complement ? `${base} – ${complement}` : base;
}

function toDocument(row: DocumentRow): InvoiceDocument {
  const text = (key: string) => String(row[key]);
  const optionalText = (key: string) => (row[key] == null ? null : String(row[key]));

  const property = {
    id: text('property_id'),
    street: text('street'),
    number: text('number'),
    complement: optionalText('complement'),
    neighbourhood: text('neighbourhood'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
  };

  return {
    invoice: {
      id: row.id,
      period: row.period,
      lineItems: row.line_items,
      amountCents: readInt(row.amount_cents),
      dueDate: text('due_date'),
      status: row.status,
      pdfStorageKey: optionalText('pdf_storage_key'),
      issuedAt: readOptionalDate(row.issued_at),
      sentAt: readOptionalDate(row.sent_at),
      createdAt: readDate(row.created_at),
    },
    lease: {
      id: text('lease_id'),
      monthlyRentCents: readInt(row.monthly_rent_cents),
      dueDay: readInt(row.due_day),
      status: row.lease_status,
      startsOn: text('starts_on'),
      endsOn: optionalText('ends_on'),
    },
    renter: {
      id: text('renter_id'),
      name: text('renter_name'),
      cpf: text('cpf'),
      email: text('email'),
      phone: text('phone'),
    },
    property: {
      ...property,
      addressLine: formatAddressLine(property.street, property.number, property.complement),
    },
    agency: {
      id: text('agency_id'),
      name: text('agency_name'),
      timezone: text('timezone'),
      locale: row.locale,
      branding: row.branding ?? {},
    },
  };
}
