/**
 * The ledger of external effects. A processor about to do something outside the database
 * (send an email, store a file) checks for the effect's deterministic key first and records it
 * right after, so a job delivered twice does the effect once.
 */
import type { Queryable } from './queryable.js';
import { readDate } from './rows.js';

export type EffectDetail = Record<string, unknown>;

export interface Effect {
  key: string;
  /** What happened, for example `email.sent`. */
  kind: string;
  jobId: string | null;
  detail: EffectDetail;
  recordedAt: Date;
}

export interface RecordEffectInput {
  key: string;
  kind: string;
  jobId: string | null;
  /** Identifiers only (message id, storage key); never personal data. @defaultValue {} */
  detail?: EffectDetail;
}

interface EffectRow {
  key: string;
  kind: string;
  job_id: string | null;
  detail: EffectDetail | null;
  recorded_at: unknown;
}

export async function findEffect(db: Queryable, key: string): Promise<Effect | null> {
  const { rows } = await db.query<EffectRow>(
    'SELECT key, kind, job_id, detail, recorded_at FROM effects WHERE key = $1',
    [key],
  );
  const row = rows[0];
  if (!row) {
    return null;
  }

  return {
    key: row.key,
    kind: row.kind,
    jobId: row.job_id,
    detail: row.detail ?? {},
    recordedAt: readDate(row.recorded_at),
  };
}

/**
 * Records an effect once. Returns `true` when this call inserted it and `false` when the key
 * was already there (the first record wins and is left untouched).
 */
export async function recordEffect(db: Queryable, input: RecordEffectInput): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO effects (key, kind, job_id, detail)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO NOTHING`,
    [input.key, input.kind, input.jobId, JSON.stringify(input.detail ?? {})],
  );
  return rowCount === 1;
}
