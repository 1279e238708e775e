/**
 * Errors raised by the database layer. Each carries a stable `code` so callers can branch on it
 * (for example a processor fails a job permanently on `DB_ERR_PERIOD_INVALID`), and keeps the
 * original error as `cause`.
 */
export type DbErrorCode =
  | 'DB_ERR_MIGRATION_FAILED'
  | 'DB_ERR_MIGRATIONS_DIR_MISSING'
  | 'DB_ERR_PERIOD_INVALID'
  | 'DB_ERR_INT8_UNSAFE';

export class DbError extends Error {
  override name = 'DbError';
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
