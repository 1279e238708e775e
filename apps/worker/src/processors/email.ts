/**
 * `email.send`: renders the template and sends the message once, then marks the invoice it
 * carries as sent. The "once" lives in `deliverEmail` and the effects ledger.
 */

import { markInvoiceSent } from '../db/invoices.js';
import { emailIdentity } from '../email/effect-identity.js';
import { deliverEmail } from '../email/index.js';
import type { QueueProcessors } from '../runtime/processor.js';
import type { WorkerServices } from '../services.js';

export function createEmailProcessors(services: WorkerServices): QueueProcessors<'email'> {
  return {
    'email.send': async (job, { logger }) => {
      const delivery = await deliverEmail({
        jobId: emailIdentity(job),
        data: job.data,
        fromAddress: services.config.emailFromAddress,
        mailDomain: services.config.messageIdDomain,
        transport: services.mail,
        storage: services.storage,
        ledger: services.ledger,
        logger,
      });

      if (job.data.relatesTo?.kind === 'invoice') {
        await markInvoiceSent(services.pool, job.data.relatesTo.id);
      }
      return delivery;
    },
  };
}
