/**
 * Compile-time checks of the processor map's type, built by `tsc -b` with the rest of the
 * worker: if the map stopped rejecting a missing or mistyped processor, an `@ts-expect-error`
 * below would be unused and the build would fail.
 */
import type { ProcessorMap } from './processor.js';

const sendEmail = async () => ({ status: 'sent' as const, messageId: '<id@example.test>' });
const generateInvoice = async () => ({ invoiceId: 'id', storageKey: 'key', emailJobId: 'e' });
const monthEnd = async () => ({ invoices: 0, created: 0, enqueued: 0 });

export const complete: ProcessorMap<'email' | 'invoice'> = {
  email: { 'email.send': sendEmail },
  invoice: { 'invoice.generate': generateInvoice, 'invoice.month-end': monthEnd },
};

export const missingJobName: ProcessorMap<'invoice'> = {
  // @ts-expect-error: `invoice.month-end` has no processor
  invoice: { 'invoice.generate': generateInvoice },
};

// @ts-expect-error: the hosted `email` queue has no processors at all
export const missingQueue: ProcessorMap<'email' | 'invoice'> = {
  invoice: { 'invoice.generate': generateInvoice, 'invoice.month-end': monthEnd },
};

export const wrongResult: ProcessorMap<'email'> = {
  // @ts-expect-error: an email processor must return the email result, not an invoice's
  email: { 'email.send': generateInvoice },
};
