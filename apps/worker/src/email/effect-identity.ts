/**
 * What makes one email job's message "the same message" across its attempts.
 *
 * A custom job id (always with a word in it, see the contract's job-id rules) names a business
 * effect, such as the email of one invoice: it is the identity as it stands, so enqueueing it
 * again, even after the first job was removed, finds the message in the ledger. BullMQ's own
 * ids are counters that start again when Redis loses its data or another key prefix shares the
 * database, so a counter id alone would make a new message look already sent; it is qualified
 * by the job's creation time, which every attempt of the same job shares.
 */
const COUNTER_ID = /^[0-9]+$/;

export function emailIdentity(job: { id?: string | undefined; timestamp: number }): string {
  if (!job.id) {
    throw new Error('a job without an id cannot be delivered once');
  }
  return COUNTER_ID.test(job.id) ? `${job.id}-${job.timestamp}` : job.id;
}
