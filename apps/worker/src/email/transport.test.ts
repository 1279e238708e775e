import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageIdFor } from './message-id.js';
import { createMailTransport, outboxFileName } from './transport.js';
import type { MailTransport, OutgoingEmail } from './types.js';

function message(body: string, attachment: Buffer): OutgoingEmail {
  return {
    messageId: messageIdFor('invoice-email:42', 'imobibase.example.test'),
    from: { address: 'no-reply@imobibase.example.test', name: 'Imobiliária Horizonte' },
    to: { address: 'joao.muller@example.test', name: 'João Müller' },
    subject: 'Sua fatura de maio/2025 – Imobiliária Horizonte',
    html: `<p>${body}</p>`,
    text: body,
    // A fresh stream per send, as deliverEmail opens one per attempt.
    attachments: [
      {
        filename: 'Fatura – Conceição.pdf',
        contentType: 'application/pdf',
        content: Readable.from([attachment]),
      },
    ],
  };
}

describe('outbox transport', () => {
  let dir: string;
  let transport: MailTransport;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'email-outbox-'));
    transport = createMailTransport({ kind: 'outbox', dir: path.join(dir, 'outbox') });
  });

  afterEach(async () => {
    await transport.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a parseable .eml named after the Message-ID', async () => {
    const pdf = Buffer.from('%PDF-1.4 fatura de teste\n');
    const outgoing = message('Olá, João.', pdf);

    const outcome = await transport.send(outgoing);
    const files = await readdir(path.join(dir, 'outbox'));
    const mail = await simpleParser(await readFile(outcome.location ?? ''));

    expect(files).toEqual([outboxFileName(outgoing)]);
    expect(outcome.location).toBe(path.join(dir, 'outbox', outboxFileName(outgoing)));
    expect(outcome.messageId).toBe(outgoing.messageId);
    expect(outcome.accepted).toEqual(['joao.muller@example.test']);
    expect(mail.messageId).toBe(outgoing.messageId);
    expect(mail.subject).toBe('Sua fatura de maio/2025 – Imobiliária Horizonte');
    expect(mail.text?.trim()).toBe('Olá, João.');
    expect(mail.attachments[0]?.filename).toBe('Fatura – Conceição.pdf');
    expect(mail.attachments[0]?.content.equals(pdf)).toBe(true);
  });

  it('overwrites the same file when the job runs again', async () => {
    await transport.send(message('primeira tentativa', Buffer.from('a')));
    const outcome = await transport.send(message('segunda tentativa', Buffer.from('b')));

    const files = await readdir(path.join(dir, 'outbox'));
    const mail = await simpleParser(await readFile(outcome.location ?? ''));

    expect(files).toHaveLength(1);
    expect(mail.text?.trim()).toBe('segunda tentativa');
  });

  it('refuses a recipient that is not one address', async () => {
    const outgoing = message('x', Buffer.from('x'));
    outgoing.to.address = 'a@example.test, b@example.test';

    await expect(transport.send(outgoing)).rejects.toMatchObject({
      code: 'EMAIL_ERR_RECIPIENT_INVALID',
      retryable: false,
    });
    await expect(readdir(path.join(dir, 'outbox'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('outboxFileName', () => {
  it('keeps only file-name-safe characters', () => {
    const name = outboxFileName({ messageId: '<../../etc/passwd@x>' });
    expect(name).toBe('__.._etc_passwd@x.eml');
    expect(name).not.toMatch(/^\.|[/\\]/);
    expect(outboxFileName({ messageId: '<email.ab12@imobibase.example.test>' })).toBe(
      'email.ab12@imobibase.example.test.eml',
    );
  });
});
