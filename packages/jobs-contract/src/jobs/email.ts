/** Email: one message to one recipient, rendered from a template by the worker. */
import { type Static, Type } from '@sinclair/typebox';
import type { ValidationIssue } from '../errors.js';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import {
  EMAIL_ADDRESS_PATTERN,
  Locale,
  SchemaVersion1,
  StorageKey,
  Uuid,
} from '../schema-parts.js';

/** Why a message is sent; decides its priority (see {@link EMAIL_PRIORITY}). */
export const EmailCategory = Type.Union([
  Type.Literal('transactional'),
  Type.Literal('invoice'),
  Type.Literal('reminder'),
  Type.Literal('campaign'),
]);
export type EmailCategory = Static<typeof EmailCategory>;

/** The templates the worker knows, each in pt-BR and English. */
export const EmailTemplate = Type.Union([
  Type.Literal('invoice-issued'),
  Type.Literal('password-reset'),
  Type.Literal('email-verification'),
  Type.Literal('welcome'),
]);
export type EmailTemplate = Static<typeof EmailTemplate>;

/**
 * BullMQ priority per category (1 is taken first). Transactional mail such as a password reset
 * must never wait behind a bulk campaign, so every email is enqueued with a priority and the
 * campaign lane has the lowest.
 */
export const EMAIL_PRIORITY: Readonly<Record<EmailCategory, number>> = {
  transactional: 1,
  invoice: 5,
  reminder: 5,
  campaign: 10,
};

// Header values must be one line; the worker strips control characters again when it composes.
const NoLineBreaks = '^[^\\r\\n]*$';

/** An attachment by reference: the worker streams it from storage. */
export const EmailAttachment = Type.Object(
  {
    storageKey: StorageKey,
    filename: Type.String({ minLength: 1, maxLength: 200, pattern: NoLineBreaks }),
    contentType: Type.String({ minLength: 3, maxLength: 100, pattern: '^[\\w.+-]+/[\\w.+-]+$' }),
  },
  { additionalProperties: false },
);
export type EmailAttachment = Static<typeof EmailAttachment>;

export const SendEmailPayload = Type.Object(
  {
    schemaVersion: SchemaVersion1,
    /** The agency the message is sent for; required when it has attachments. */
    agencyId: Type.Optional(Uuid),
    category: EmailCategory,
    template: EmailTemplate,
    locale: Locale,
    to: Type.Object(
      {
        email: Type.String({
          minLength: 3,
          maxLength: 254,
          pattern: EMAIL_ADDRESS_PATTERN,
          description: 'an email address',
        }),
        name: Type.Optional(Type.String({ maxLength: 200, pattern: NoLineBreaks })),
      },
      { additionalProperties: false },
    ),
    // Without `additionalProperties: false` TypeBox would let keys outside the pattern through.
    variables: Type.Record(
      Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }),
      Type.Union([Type.String({ maxLength: 2000 }), Type.Number()]),
      { additionalProperties: false },
    ),
    attachments: Type.Optional(Type.Array(EmailAttachment, { maxItems: 10 })),
    relatesTo: Type.Optional(
      Type.Object({ kind: Type.Literal('invoice'), id: Uuid }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type SendEmailPayload = Static<typeof SendEmailPayload>;

export const SendEmailResult = Type.Object({
  status: Type.Union([Type.Literal('sent'), Type.Literal('skipped-already-sent')]),
  messageId: Type.String(),
  acceptedCount: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type SendEmailResult = Static<typeof SendEmailResult>;

/**
 * Attachments are scoped to one agency: a message may only carry objects stored under
 * `agencies/<agencyId>/`, so a producer's mistake cannot mail one agency's invoice to another's
 * renter. A message with attachments must therefore say which agency it is from.
 */
export function emailPayloadRules(payload: SendEmailPayload): ValidationIssue[] {
  const attachments = payload.attachments ?? [];
  if (attachments.length === 0) {
    return [];
  }
  if (payload.agencyId === undefined) {
    return [{ path: 'agencyId', message: 'is required when the message has attachments' }];
  }

  const agencyPrefix = `agencies/${payload.agencyId}/`;
  return attachments.flatMap((attachment, index) =>
    attachment.storageKey.startsWith(agencyPrefix)
      ? []
      : [{ path: `attachments/${index}/storageKey`, message: `must be under ${agencyPrefix}` }],
  );
}

export const sendEmailJob = defineJob({
  name: 'email.send',
  queue: QUEUE.email,
  description: 'Render a template and send it to one recipient, once.',
  payload: SendEmailPayload,
  result: SendEmailResult,
  options: { attempts: 5 },
  rules: emailPayloadRules,
});
