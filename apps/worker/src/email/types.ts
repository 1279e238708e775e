/**
 * Shapes shared by the email modules. `EmailJobData` mirrors the `email.send` payload of the
 * jobs contract; it is kept here until the processor switches to the contract's own type.
 */
import type { Readable } from 'node:stream';

export type EmailCategory = 'transactional' | 'invoice' | 'reminder' | 'campaign';
export type EmailTemplateName =
  | 'invoice-issued'
  | 'password-reset'
  | 'email-verification'
  | 'welcome';
export type EmailLocale = 'pt-BR' | 'en';
export type TemplateVariables = Record<string, string | number>;

export interface EmailAttachmentRef {
  storageKey: string;
  filename: string;
  contentType: string;
}

export interface EmailJobData {
  schemaVersion: 1;
  category: EmailCategory;
  template: EmailTemplateName;
  locale: EmailLocale;
  to: { email: string; name?: string };
  variables: TemplateVariables;
  attachments?: EmailAttachmentRef[];
  relatesTo?: { kind: 'invoice'; id: string };
}

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
