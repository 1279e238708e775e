import type { Queryable } from './queryable.js';
import { readDate } from './rows.js';
import { isUuid } from './uuid.js';

export type AgencyLocale = 'pt-BR' | 'en';

/** What an agency prints on its documents and emails. Every field may be missing. */
export interface AgencyBranding {
  /** CSS hex colour, for example `#0B5CAD`. */
  primaryColor?: string;
  legalName?: string;
  /** 14 digits, unformatted. */
  cnpj?: string;
  /** One line, ready to print. */
  address?: string;
  email?: string;
  phone?: string;
}

export interface Agency {
  id: string;
  name: string;
  /** IANA zone, for example `America/Sao_Paulo`. */
  timezone: string;
  locale: AgencyLocale;
  branding: AgencyBranding;
  createdAt: Date;
}

interface AgencyRow {
  id: string;
  name: string;
  timezone: string;
  locale: AgencyLocale;
  branding: AgencyBranding | null;
  created_at: unknown;
}

const AGENCY_COLUMNS = 'id, name, timezone, locale, branding, created_at';

export async function findAgency(db: Queryable, id: string): Promise<Agency | null> {
  if (!isUuid(id)) {
    return null;
  }

  const { rows } = await db.query<AgencyRow>(
    `SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  return row ? toAgency(row) : null;
}

/** Every agency, oldest first (id breaks ties), an order that no collation changes. */
export async function listAgencies(db: Queryable): Promise<Agency[]> {
  const { rows } = await db.query<AgencyRow>(
    `SELECT ${AGENCY_COLUMNS} FROM agencies ORDER BY created_at, id`,
  );
  return rows.map(toAgency);
}

function toAgency(row: AgencyRow): Agency {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    locale: row.locale,
    branding: row.branding ?? {},
    createdAt: readDate(row.created_at),
  };
}
