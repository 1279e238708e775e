/**
 * Every email job has one Message-ID, derived from its job id, so each attempt of the same job
 * writes the same message: the ledger key, the outbox file name and the header a receiving
 * server can deduplicate on all follow from it. Only a hash of the job id is shown to the
 * recipient, not the id itself.
 */
import { createHash } from 'node:crypto';
import { EmailError } from './errors.js';

// A DNS name of letters, digits, hyphens and dots (RFC 1123 labels).
const DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

// 32 hex digits are 128 bits: no two job ids will share a Message-ID.
const HASH_HEX_LENGTH = 32;

/** `<email.<hash of jobId>@<domain>>`, the same for every attempt of the job. */
export function messageIdFor(jobId: string, domain: string): string {
  if (jobId === '') {
    throw new EmailError('EMAIL_ERR_CONFIG', 'a job id is needed to build a Message-ID');
  }
  if (!DOMAIN.test(domain)) {
    throw new EmailError('EMAIL_ERR_CONFIG', 'the mail domain is not a valid host name');
  }

  const hash = createHash('sha256').update(`imobibase-email:${jobId}`).digest('hex');
  return `<email.${hash.slice(0, HASH_HEX_LENGTH)}@${domain.toLowerCase()}>`;
}

/** The effects-ledger key of a message: `email:<id without angle brackets>`. */
export function ledgerKeyFor(messageId: string): string {
  return `email:${messageId.replace(/^<|>$/g, '')}`;
}
