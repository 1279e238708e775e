/**
 * Mail transports behind one small interface. `outbox` (the default for development and
 * demos) writes each message as an `.eml` file; `smtp` delivers through a pooled connection.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { classifySendError } from './classify-error.js';
import { personalDataOf, toMailOptions } from './compose-message.js';
import type { MailTransport, OutgoingEmail, SendOutcome } from './types.js';

export type MailTransportConfig =
  | {
      kind: 'smtp';
      /** `smtp://user:pass@host:587` or `smtps://…`. */
      url: string;
      pool: true;
      /** @defaultValue 5 */
      maxConnections?: number;
      /** @defaultValue 10_000 */
      connectionTimeoutMs?: number;
      /** @defaultValue 10_000 */
      greetingTimeoutMs?: number;
      /** Idle time on an open connection before it counts as dead. @defaultValue 60_000 */
      socketTimeoutMs?: number;
    }
  | { kind: 'outbox'; dir: string };

// The attachment readers, not paths or URLs, are the only content source: a value from job
// data can never make nodemailer open a local file or fetch a remote one.
const NO_FILE_OR_URL_ACCESS = { disableFileAccess: true, disableUrlAccess: true } as const;

export function createMailTransport(config: MailTransportConfig): MailTransport {
  return config.kind === 'smtp' ? createSmtpTransport(config) : createOutboxTransport(config.dir);
}

function createSmtpTransport(
  config: Extract<MailTransportConfig, { kind: 'smtp' }>,
): MailTransport {
  const mailer = nodemailer.createTransport({
    ...NO_FILE_OR_URL_ACCESS,
    url: config.url,
    pool: true,
    maxConnections: config.maxConnections ?? 5,
    // The pool would resend a message whose connection dropped mid-way, but the attachment
    // streams are already consumed by then; the job's own retry opens them again.
    maxRequeues: 0,
    connectionTimeout: config.connectionTimeoutMs ?? 10_000,
    greetingTimeout: config.greetingTimeoutMs ?? 10_000,
    socketTimeout: config.socketTimeoutMs ?? 60_000,
    logger: false,
  });

  return {
    async send(message) {
      const options = toMailOptions(message);
      try {
        const info = await mailer.sendMail(options);
        return { messageId: info.messageId, accepted: addressesOf(info.accepted) };
      } catch (err) {
        throw classifySendError(err, personalDataOf(message));
      }
    },
    async close() {
      mailer.close();
    },
  };
}

function createOutboxTransport(dir: string): MailTransport {
  const composer = nodemailer.createTransport({
    ...NO_FILE_OR_URL_ACCESS,
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });

  return {
    async send(message) {
      const options = toMailOptions(message);
      try {
        const info = await composer.sendMail(options);
        if (!Buffer.isBuffer(info.message)) {
          throw new Error('the composer returned no message buffer');
        }
        const location = await writeAtomically(dir, outboxFileName(message), info.message);
        return { messageId: info.messageId, accepted: addressesOf(info.envelope.to), location };
      } catch (err) {
        throw classifySendError(err, personalDataOf(message));
      }
    },
    async close() {
      composer.close();
    },
  };
}

/** `<id@domain>` → `id@domain.eml`, with anything unsafe in a file name replaced. */
export function outboxFileName(message: Pick<OutgoingEmail, 'messageId'>): string {
  const bare = message.messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_');
  return `${bare.replace(/^\.+/, '_')}.eml`;
}

// Written to a temporary name and renamed, so a reader never sees half a message and a second
// attempt of the same job replaces the file instead of adding one.
async function writeAtomically(dir: string, fileName: string, content: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, fileName);
  const temporary = path.join(dir, `.${fileName}.${randomUUID()}.tmp`);

  try {
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
  return target;
}

function addressesOf(list: unknown): SendOutcome['accepted'] {
  if (!Array.isArray(list)) {
    return [];
  }
  return list.map((entry) =>
    typeof entry === 'string' ? entry : String((entry as { address?: unknown }).address ?? ''),
  );
}
