/**
 * Builders of job ids for idempotent jobs. A deterministic id makes BullMQ keep one job per
 * business object (one invoice per lease and period, one email per invoice) however many
 * times it is enqueued. BullMQ forbids `:` in custom ids and treats all-digit ids as its own,
 * so every id here has a word prefix and uses `-` as separator.
 */
import { ContractError } from './errors.js';

const VALID_JOB_ID = /^(?![0-9]+$)[A-Za-z0-9._-]{1,200}$/;

/** Whether `id` may be used as a custom job id (no `:`, not all digits, safe characters). */
export function isValidJobId(id: string): boolean {
  return VALID_JOB_ID.test(id);
}

/** Throws unless `id` may be used as a custom job id. */
export function assertValidJobId(id: string): void {
  if (isValidJobId(id)) {
    return;
  }
  throw new ContractError(
    'CONTRACT_ERR_JOB_ID_INVALID',
    'job id must be 1-200 characters of letters, digits, ".", "_" or "-", and not all digits',
  );
}

function build(...parts: string[]): string {
  const id = parts.join('-');
  assertValidJobId(id);
  return id;
}

/** Ids of the system's idempotent jobs. */
export const jobIds = {
  /** The PDF job of one invoice. */
  invoice: (invoiceId: string): string => build('invoice', invoiceId),
  /** The email that carries one invoice to its renter. */
  invoiceEmail: (invoiceId: string): string => build('invoice-email', invoiceId),
  /** An agency's month-end run for one period (`YYYY-MM`). */
  monthEnd: (agencyId: string, period: string): string => build('month-end', agencyId, period),
};
