/** The processors of the `invoice` queue. */
import type { QueueProcessors } from '../runtime/processor.js';
import type { WorkerServices } from '../services.js';
import { createGenerateInvoiceProcessor } from './invoice-generate.js';
import { createMonthEndProcessor } from './invoice-month-end.js';

export function createInvoiceProcessors(services: WorkerServices): QueueProcessors<'invoice'> {
  return {
    'invoice.generate': createGenerateInvoiceProcessor(services),
    'invoice.month-end': createMonthEndProcessor(services),
  };
}
