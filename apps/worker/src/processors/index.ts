/**
 * The processor map of this worker. Its type makes a missing or mistyped processor for a
 * hosted queue a compile error.
 */
import type { HostedQueue } from '../config.js';
import type { ProcessorMap } from '../runtime/processor.js';
import type { WorkerServices } from '../services.js';
import { createEmailProcessors } from './email.js';
import { createInvoiceProcessors } from './invoice.js';

export function createProcessors(services: WorkerServices): ProcessorMap<HostedQueue> {
  return {
    email: createEmailProcessors(services),
    invoice: createInvoiceProcessors(services),
  };
}
