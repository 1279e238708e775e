/**
 * Sends the message of one `email.send` job at most once per job id, as far as the ledger can
 * tell: check the ledger → render → open attachments → send → record.
 *
 * The window that remains: if the process dies after the server accepted the message but
 * before the ledger row is written, the retry finds no row and sends again, once. That copy
 * carries the same Message-ID (derived from the job id), so a receiving system that
 * deduplicates on Message-ID can drop it. Closing the window fully would need the mail
 * server to take part in a transaction, which SMTP has no way to do.
 */
import type { Logger } from 'pino';
import { EmailError } from './errors.js';
import { ledgerKeyFor, messageIdFor } from './message-id.js';
import { renderEmail } from './render-template.js';
import type {
  AttachmentSource,
  DeliveryResult,
  EffectsLedger,
  EmailAttachmentRef,
  EmailJobData,
  MailTransport,
  OutgoingAttachment,
  OutgoingEmail,
} from './types.js';

export interface DeliverEmailInput {
  jobId: string;
  data: EmailJobData;
  /** Bare sender address; the agency's name becomes its display name. */
  fromAddress: string;
  /** Right-hand side of the Message-ID. */
  mailDomain: string;
  transport: MailTransport;
  storage: AttachmentSource;
  ledger: EffectsLedger;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export async function deliverEmail(input: DeliverEmailInput): Promise<DeliveryResult> {
  const { jobId, data, ledger, logger } = input;
  const messageId = messageIdFor(jobId, input.mailDomain);
  const ledgerKey = ledgerKeyFor(messageId);
  // Addresses, names and variables stay out of logs: they are a renter's personal data.
  const context = { messageId, template: data.template, category: data.category };

  if (await ledger.find(ledgerKey)) {
    logger.info(context, 'email already sent, skipped');
    return { status: 'skipped-already-sent', messageId };
  }

  const rendered = renderEmail(data);
  const attachments = await openAttachments(input.storage, data.attachments ?? []);
  const message: OutgoingEmail = {
    messageId,
    from: { address: input.fromAddress, name: String(data.variables.agencyName ?? '') },
    to: { address: data.to.email, name: data.to.name },
    ...rendered,
    attachments,
  };

  const outcome = await sendAndRelease(input.transport, message);
  const acceptedCount = outcome.accepted.length;
  if (acceptedCount === 0) {
    throw new EmailError('EMAIL_ERR_REJECTED', 'the mail server accepted no recipient');
  }

  await recordSent(input, { ledgerKey, acceptedCount, context });
  logger.info({ ...context, acceptedCount, attachmentCount: attachments.length }, 'email sent');
  return { status: 'sent', messageId, acceptedCount };
}

async function sendAndRelease(transport: MailTransport, message: OutgoingEmail) {
  try {
    return await transport.send(message);
  } finally {
    // A failed send may leave streams unread; destroying them releases files and sockets.
    for (const attachment of message.attachments) {
      attachment.content.destroy();
    }
  }
}

async function openAttachments(
  storage: AttachmentSource,
  refs: readonly EmailAttachmentRef[],
): Promise<OutgoingAttachment[]> {
  const opened: OutgoingAttachment[] = [];

  for (const [index, ref] of refs.entries()) {
    try {
      const content = await storage.get(ref.storageKey);
      opened.push({ filename: ref.filename, contentType: ref.contentType, content });
    } catch (err) {
      for (const attachment of opened) {
        attachment.content.destroy();
      }
      // The file name may hold a renter's name, so the error points at the position only.
      throw new EmailError('EMAIL_ERR_ATTACHMENT', `attachment ${index} could not be opened`, {
        cause: err,
        retryable: (err as { retryable?: unknown } | null)?.retryable !== false,
      });
    }
  }
  return opened;
}

// A failed ledger write after a successful send is logged, not thrown: throwing would make
// the job retry and send the message a second time, which is worse than a missing row.
async function recordSent(
  input: DeliverEmailInput,
  sent: { ledgerKey: string; acceptedCount: number; context: Record<string, unknown> },
): Promise<void> {
  const { data, logger } = input;
  const detail = {
    acceptedCount: sent.acceptedCount,
    template: data.template,
    category: data.category,
    ...(data.relatesTo ? { relatesTo: data.relatesTo } : {}),
  };

  try {
    const created = await input.ledger.record({
      key: sent.ledgerKey,
      kind: 'email',
      jobId: input.jobId,
      detail,
    });
    if (!created) {
      logger.warn(sent.context, 'email ledger entry already existed');
    }
  } catch (err) {
    logger.error({ ...sent.context, err }, 'email sent but not recorded in the ledger');
  }
}
