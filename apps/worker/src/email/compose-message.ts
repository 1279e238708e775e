/**
 * Maps an OutgoingEmail onto nodemailer's message options. Every message leaves through here,
 * whichever transport sends it, so header text is cleaned and addresses are checked here.
 */
import type { SendMailOptions } from 'nodemailer';
import { EmailError } from './errors.js';
import {
  hasControlCharacters,
  sanitizeDisplayName,
  sanitizeHeaderText,
} from './sanitize-header.js';
import type { OutgoingEmail } from './types.js';

// One mailbox, no spaces, brackets or list separators: it must not be read as several.
const MAILBOX = /^[^\s<>()[\],;:"@]+@[^\s<>()[\],;:"@]+$/;
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

export function toMailOptions(message: OutgoingEmail): SendMailOptions {
  checkMailbox(message.to.address, 'EMAIL_ERR_RECIPIENT_INVALID', 'the recipient');
  checkMailbox(message.from.address, 'EMAIL_ERR_CONFIG', 'the sender');

  return {
    messageId: message.messageId,
    from: { name: sanitizeDisplayName(message.from.name) ?? '', address: message.from.address },
    to: [{ name: sanitizeDisplayName(message.to.name) ?? '', address: message.to.address }],
    subject: sanitizeHeaderText(message.subject),
    html: message.html,
    text: message.text,
    attachments: message.attachments.map((attachment) => ({
      filename: sanitizeHeaderText(attachment.filename),
      contentType: CONTENT_TYPE.test(attachment.contentType)
        ? attachment.contentType
        : 'application/octet-stream',
      content: attachment.content,
    })),
    // RFC 3834: marks the message as machine-sent so auto-responders do not answer it.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** Names and addresses of the message, to be kept out of error messages. */
export function personalDataOf(message: OutgoingEmail): string[] {
  return [message.to.address, message.to.name ?? ''].filter((value) => value !== '');
}

function checkMailbox(
  address: string,
  code: 'EMAIL_ERR_RECIPIENT_INVALID' | 'EMAIL_ERR_CONFIG',
  role: string,
): void {
  if (!MAILBOX.test(address) || hasControlCharacters(address)) {
    throw new EmailError(code, `${role} is not a single valid email address`);
  }
}
