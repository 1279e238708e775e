/** Invoices: render one invoice's PDF, or create a whole agency's month-end run. */
import { type Static, Type } from '@sinclair/typebox';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import { Period, SchemaVersion1, StorageKey, Uuid } from '../schema-parts.js';

export const GenerateInvoicePayload = Type.Object(
  { schemaVersion: SchemaVersion1, invoiceId: Uuid },
  { additionalProperties: false },
);
export type GenerateInvoicePayload = Static<typeof GenerateInvoicePayload>;

export const GenerateInvoiceResult = Type.Object({
  invoiceId: Uuid,
  storageKey: StorageKey,
  emailJobId: Type.String(),
});
export type GenerateInvoiceResult = Static<typeof GenerateInvoiceResult>;

export const generateInvoiceJob = defineJob({
  name: 'invoice.generate',
  queue: QUEUE.invoice,
  description: 'Render an invoice PDF, store it, and enqueue the email that carries it.',
  payload: GenerateInvoicePayload,
  result: GenerateInvoiceResult,
});

export const MonthEndInvoicesPayload = Type.Object(
  { schemaVersion: SchemaVersion1, agencyId: Uuid, period: Period },
  { additionalProperties: false },
);
export type MonthEndInvoicesPayload = Static<typeof MonthEndInvoicesPayload>;

export const MonthEndInvoicesResult = Type.Object({
  invoices: Type.Integer({ minimum: 0, description: 'invoices of the period, old and new' }),
  created: Type.Integer({ minimum: 0, description: 'invoices this run created' }),
  enqueued: Type.Integer({ minimum: 0, description: 'invoice jobs handed to the queue' }),
});
export type MonthEndInvoicesResult = Static<typeof MonthEndInvoicesResult>;

export const monthEndInvoicesJob = defineJob({
  name: 'invoice.month-end',
  queue: QUEUE.invoice,
  description: "Create the period's invoice for every active lease of an agency, one job each.",
  payload: MonthEndInvoicesPayload,
  result: MonthEndInvoicesResult,
});
