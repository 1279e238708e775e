/**
 * The worker's PostgreSQL connection pool.
 *
 * Type parsing is set per pool (not on the global `pg.types`) so importing this module changes
 * nothing for other pools in the process:
 *
 * - `int8` (bigint: money in cents, `count(*)`) is parsed to a JS `number`. Cents stay far below
 *   `Number.MAX_SAFE_INTEGER` (2^53 - 1 cents is about 90 trillion reais), and numbers keep the
 *   arithmetic and JSON of the processors simple. A value past that bound throws `DbError`
 *   `DB_ERR_INT8_UNSAFE` instead of silently losing precision.
 * - `date` (due dates, lease start and end) stays the `'YYYY-MM-DD'` text PostgreSQL sends. The
 *   default parser builds a `Date` at local midnight, which shifts the day in any timezone west
 *   of UTC; a calendar day has no timezone, so a string is the honest type.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { DbError } from './errors.js';

const INT8_OID = 20;
const DATE_OID = 1082;

export interface PoolOptions {
  /** Most connections the pool opens. @defaultValue 10 */
  maxConnections?: number;
  /** Server-side limit for one statement, in milliseconds. @defaultValue 30_000 */
  statementTimeoutMs?: number;
  /** Server-side limit for a transaction left idle, in milliseconds. @defaultValue 60_000 */
  idleInTransactionTimeoutMs?: number;
  /** How long an unused pooled connection is kept, in milliseconds. @defaultValue 30_000 */
  idleTimeoutMs?: number;
  /** How long to wait for a new connection, in milliseconds. @defaultValue 10_000 */
  connectionTimeoutMs?: number;
  /** Shown in `pg_stat_activity`. @defaultValue 'imobibase-worker' */
  applicationName?: string;
  /** Receives errors of idle clients; without it they are dropped. */
  logger?: Logger;
}

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new DbError('DB_ERR_INT8_UNSAFE', `bigint ${text} does not fit a JS number`);
  }
  return value;
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID && format !== 'binary') {
      return parseInt8;
    }
    if (oid === DATE_OID && format !== 'binary') {
      return (text: string) => text;
    }
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function createPool(databaseUrl: string, opts: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: opts.maxConnections ?? 10,
    statement_timeout: opts.statementTimeoutMs ?? 30_000,
    idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs ?? 60_000,
    idleTimeoutMillis: opts.idleTimeoutMs ?? 30_000,
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 10_000,
    application_name: opts.applicationName ?? 'imobibase-worker',
    types: typeParsers,
  });

  // An idle client can fail (server restart, network cut). pg then emits `error` on the pool;
  // without a listener Node would crash the process. The pool already discards that client.
  pool.on('error', (err) => {
    opts.logger?.warn({ err }, 'idle postgres client failed');
  });

  return pool;
}
