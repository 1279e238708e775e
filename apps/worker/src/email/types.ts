/**
 * Shapes shared by the email modules.
 */
import type { Readable } from 'node:stream';
import type { SendEmailPayload } from '@imobibase/jobs-contract';

export type EmailCategory = SendEmailPayload['category'];
export type EmailTemplateName = SendEmailPayload['template'];
export type EmailLocale = SendEmailPayload['locale'];
export type TemplateVariables = SendEmailPayload['variables'];
export type EmailAttachmentRef = NonNullable<SendEmailPayload['attachments']>[number];

/** The payload of an `email.send` job, as the contract defines it. */
export type EmailJobData = SendEmailPayload;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** One attachment ready to send: its content is read once, while the message is written. */
export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Readable;
}

/** A fully rendered message; header values are already free of control characters. */
export interface OutgoingEmail {
  /** RFC 5322 Message-ID with its angle brackets, see `messageIdFor`. */
  messageId: string;
  from: { address: string; name?: string };
  to: { address: string; name?: string };
  subject: string;
  html: string;
  text: string;
  attachments: OutgoingAttachment[];
}

export interface SendOutcome {
  messageId: string;
  /** Recipient addresses the transport took; personal data, never log or store it. */
  accepted: string[];
  /** Where the outbox transport wrote the message. */
  location?: string;
}

export interface MailTransport {
  send(message: OutgoingEmail): Promise<SendOutcome>;
  close(): Promise<void>;
}

/** The part of the object storage the email flow needs (`ObjectStorage` satisfies it). */
export interface AttachmentSource {
  get(key: string): Promise<Readable>;
}

/** The part of the effects ledger the email flow needs (`apps/worker/src/db/effects.ts`). */
export interface EffectsLedger {
  find(key: string): Promise<{ key: string } | null>;
  /** Resolves false when the key was already recorded. */
  record(entry: {
    key: string;
    kind: string;
    jobId: string;
    detail: Record<string, unknown>;
  }): Promise<boolean>;
}

export type DeliveryResult =
  | { status: 'sent'; messageId: string; acceptedCount: number }
  | { status: 'skipped-already-sent'; messageId: string };
