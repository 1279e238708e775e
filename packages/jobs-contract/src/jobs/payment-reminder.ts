/** Payment reminders: find the invoices due soon or overdue, and remind each renter once. */
import { type Static, Type } from '@sinclair/typebox';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import { IsoDate, SchemaVersion1, Uuid } from '../schema-parts.js';

export const ReminderStage = Type.Union([
  Type.Literal('before-due'),
  Type.Literal('due-today'),
  Type.Literal('overdue'),
]);
export type ReminderStage = Static<typeof ReminderStage>;

export const SendPaymentReminderPayload = Type.Object(
  { schemaVersion: SchemaVersion1, invoiceId: Uuid, stage: ReminderStage },
  { additionalProperties: false },
);
export type SendPaymentReminderPayload = Static<typeof SendPaymentReminderPayload>;

export const SendPaymentReminderResult = Type.Object({
  status: Type.Union([Type.Literal('enqueued'), Type.Literal('skipped')]),
  reason: Type.Optional(Type.String()),
});
export type SendPaymentReminderResult = Static<typeof SendPaymentReminderResult>;

export const sendPaymentReminderJob = defineJob({
  name: 'payment-reminder.send',
  queue: QUEUE.paymentReminder,
  description: 'Remind one renter of one invoice at one stage, at most once.',
  payload: SendPaymentReminderPayload,
  result: SendPaymentReminderResult,
});

export const ScanPaymentRemindersPayload = Type.Object(
  { schemaVersion: SchemaVersion1, agencyId: Uuid, onDate: IsoDate },
  { additionalProperties: false },
);
export type ScanPaymentRemindersPayload = Static<typeof ScanPaymentRemindersPayload>;

export const ScanPaymentRemindersResult = Type.Object({
  enqueued: Type.Integer({ minimum: 0 }),
});
export type ScanPaymentRemindersResult = Static<typeof ScanPaymentRemindersResult>;

export const scanPaymentRemindersJob = defineJob({
  name: 'payment-reminder.scan',
  queue: QUEUE.paymentReminder,
  description: "Find an agency's invoices that need a reminder on a date; one job each.",
  payload: ScanPaymentRemindersPayload,
  result: ScanPaymentRemindersResult,
});
