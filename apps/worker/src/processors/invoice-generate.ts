/**
 * `invoice.generate`: load the invoice → render its PDF → store it → record its key →
 * enqueue the email that carries it. Every step is safe to repeat: the PDF is deterministic
 * and its key is fixed, so a re-run overwrites; the email job has a fixed id, so it is
 * enqueued once.
 */
import { jobIds } from '@imobibase/jobs-contract';
import { UnrecoverableError } from 'bullmq';
import { type InvoiceDocument, loadInvoiceDocument, markInvoiceIssued } from '../db/invoices.js';
import { formatDate, formatMoney, formatPeriod } from '../invoice-pdf/format.js';
import { renderInvoicePdf } from '../invoice-pdf/render-invoice.js';
import type { Processor } from '../runtime/processor.js';
import type { WorkerServices } from '../services.js';
import { invoiceKey } from '../storage/keys.js';

export function createGenerateInvoiceProcessor(
  services: WorkerServices,
): Processor<'invoice.generate'> {
  return async (job, { logger }) => {
    const { invoiceId } = job.data;
    const emailJobId = jobIds.invoiceEmail(invoiceId);

    const document = await loadInvoiceDocument(services.pool, invoiceId);
    if (!document) {
      throw new UnrecoverableError(`INVOICE_ERR_NOT_FOUND: invoice ${invoiceId} does not exist`);
    }
    if (document.invoice.status === 'sent' && document.invoice.pdfStorageKey) {
      logger.info({ invoiceId }, 'invoice already sent; nothing to do');
      return { invoiceId, storageKey: document.invoice.pdfStorageKey, emailJobId };
    }

    const pdf = await renderInvoicePdf(toPdfInput(document));
    const storageKey = invoiceKey({
      agencyId: document.agency.id,
      period: document.invoice.period,
      invoiceId,
    });
    await services.storage.put(storageKey, pdf, { contentType: 'application/pdf' });
    await markInvoiceIssued(services.pool, { invoiceId, storageKey });

    await services.jobs.enqueue('email.send', invoiceEmail(document, storageKey), {
      jobId: emailJobId,
    });
    logger.info({ invoiceId, sizeBytes: pdf.length }, 'invoice issued');
    return { invoiceId, storageKey, emailJobId };
  };
}

/** The renderer's input for an invoice as the database holds it. */
export function toPdfInput(document: InvoiceDocument) {
  const { invoice, agency, renter, property } = document;
  return {
    invoiceId: invoice.id,
    period: invoice.period,
    dueDate: invoice.dueDate,
    amountCents: invoice.amountCents,
    lineItems: invoice.lineItems,
    locale: agency.locale,
    agency: { name: agency.name, branding: agency.branding },
    renter: { name: renter.name, cpf: renter.cpf, email: renter.email },
    property: {
      street: property.street,
      number: property.number,
      complement: property.complement ?? undefined,
      neighbourhood: property.neighbourhood,
      city: property.city,
      state: property.state,
      postalCode: property.postalCode,
    },
  };
}

function invoiceEmail(document: InvoiceDocument, storageKey: string) {
  const { invoice, agency, renter } = document;
  const locale = agency.locale;
  const filenameLabel = locale === 'en' ? 'Invoice' : 'Fatura';

  return {
    schemaVersion: 1 as const,
    agencyId: agency.id,
    category: 'invoice' as const,
    template: 'invoice-issued' as const,
    locale,
    to: { email: renter.email, name: renter.name },
    variables: {
      agencyName: agency.name,
      renterName: renter.name,
      period: formatPeriod(invoice.period, locale),
      amount: formatMoney(invoice.amountCents, locale),
      dueDate: formatDate(invoice.dueDate, locale),
      propertyAddress: document.property.addressLine,
    },
    attachments: [
      {
        storageKey,
        filename: `${filenameLabel} ${invoice.period}.pdf`,
        contentType: 'application/pdf',
      },
    ],
    relatesTo: { kind: 'invoice' as const, id: invoice.id },
  };
}
