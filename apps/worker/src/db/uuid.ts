const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Lookups by id answer "not found" for a malformed id instead of letting PostgreSQL raise
 * `invalid input syntax for type uuid`, which a job would otherwise retry in vain.
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
