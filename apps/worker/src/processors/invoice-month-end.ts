/**
 * `invoice.month-end`: create the period's invoice of every active lease of an agency, then hand
 * each unsent invoice to its own `invoice.generate` job. Invoices are unique per lease and
 * period and child jobs have fixed ids, so running the batch again for the same period creates
 * no duplicate invoice, job or email.
 */
import { jobIds } from '@imobibase/jobs-contract';
import { createInvoicesForPeriod } from '../db/invoices.js';
import type { Processor } from '../runtime/processor.js';
import type { WorkerServices } from '../services.js';

/** Child jobs are enqueued this many at a time: one Redis round trip each. */
const ENQUEUE_CHUNK_SIZE = 500;

export function createMonthEndProcessor(services: WorkerServices): Processor<'invoice.month-end'> {
  return async (job, { logger, signal }) => {
    const { agencyId, period } = job.data;

    const { invoices, createdCount } = await createInvoicesForPeriod(services.pool, {
      agencyId,
      period,
    });
    const unsent = invoices.filter((invoice) => invoice.status !== 'sent');
    logger.info(
      { invoices: invoices.length, created: createdCount, unsent: unsent.length },
      'invoices of the period ready',
    );

    let enqueued = 0;
    for (let start = 0; start < unsent.length; start += ENQUEUE_CHUNK_SIZE) {
      // An interrupted batch is safe to resume: the next run skips what was enqueued.
      signal.throwIfAborted();

      const chunk = unsent.slice(start, start + ENQUEUE_CHUNK_SIZE);
      const results = await services.jobs.enqueueBulk(
        'invoice.generate',
        chunk.map((invoice) => ({
          payload: { schemaVersion: 1 as const, invoiceId: invoice.id },
          options: { jobId: jobIds.invoice(invoice.id) },
        })),
      );
      enqueued += results.filter((result) => result.created).length;
      await job.updateProgress({
        handedOn: start + chunk.length,
        total: unsent.length,
        percent: Math.round(((start + chunk.length) / unsent.length) * 100),
      });
    }

    return { invoices: invoices.length, created: createdCount, enqueued };
  };
}
