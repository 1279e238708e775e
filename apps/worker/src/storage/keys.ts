/**
 * Storage keys per business object. Each key is a pure function of the object's identity, so a
 * job that runs twice writes the same key and the second run overwrites the first instead of
 * leaving a duplicate. Keys hold ids only, never names or other personal data.
 */
import { assertValidKey, StorageError } from './storage.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Ids are uuids in practice; dots are refused so `<id>.pdf` always has a real name. */
const ID = /^[A-Za-z0-9_-]{1,100}$/;

export interface InvoiceKeyInput {
  agencyId: string;
  /** Billing month, `YYYY-MM`. */
  period: string;
  invoiceId: string;
}

/** `agencies/<agencyId>/invoices/<period>/<invoiceId>.pdf` */
export function invoiceKey({ agencyId, period, invoiceId }: InvoiceKeyInput): string {
  if (!PERIOD.test(period)) {
    throw new StorageError('STORAGE_ERR_INVALID_KEY', 'invoice period must be YYYY-MM');
  }
  assertId('agencyId', agencyId);
  assertId('invoiceId', invoiceId);

  return joinKey('agencies', agencyId, 'invoices', period, `${invoiceId}.pdf`);
}

/**
 * Joins segments into a key, refusing any segment that would add or hide a level (a slash, an
 * empty string, `.` or `..`), so an id taken from data cannot move the object elsewhere.
 */
export function joinKey(...segments: string[]): string {
  for (const segment of segments) {
    if (segment.includes('/')) {
      throw new StorageError('STORAGE_ERR_INVALID_KEY', 'key segment must not contain "/"');
    }
  }

  const key = segments.join('/');
  assertValidKey(key);
  return key;
}

function assertId(name: string, value: string): void {
  if (!ID.test(value)) {
    throw new StorageError('STORAGE_ERR_INVALID_KEY', `${name} must be 1-100 of [A-Za-z0-9_-]`);
  }
}
