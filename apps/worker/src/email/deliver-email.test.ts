/**
 * deliverEmail against a real SMTP server (smtp-server, in-process on 127.0.0.1) through the
 * real pooled SMTP transport; received messages are parsed with mailparser.
 *
 * Two boundaries are stand-ins on purpose. The ledger is an in-memory Map with the semantics
 * of the PostgreSQL `effects` table (find by key, insert-if-absent); that table is tested with
 * `apps/worker/src/db/effects.ts`. The storage is a temp folder read by key: it is where the
 * attachment bytes come from, not what is under test here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { type ParsedMail, simpleParser } from 'mailparser';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../../../test/helpers/smtp-sink.js';
import { deliverEmail } from './deliver-email.js';
import { EmailError } from './errors.js';
import { createMailTransport } from './transport.js';
import type { AttachmentSource, EffectsLedger, EmailJobData, MailTransport } from './types.js';

function memoryLedger(): EffectsLedger & { entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    async find(key) {
      return entries.has(key) ? { key } : null;
    },
    async record(entry) {
      if (entries.has(entry.key)) {
        return false;
      }
      entries.set(entry.key, entry);
      return true;
    },
  };
}

function folderStorage(root: string): AttachmentSource {
  return {
    async get(key) {
      const handle = await open(path.join(root, key), 'r');
      return handle.createReadStream();
    },
  };
}

function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, destination), lines };
}

const RENTER = { email: 'conceicao.araujo@example.test', name: 'Conceição Araújo' };

function invoiceEmail(overrides: Partial<EmailJobData> = {}): EmailJobData {
  return {
    schemaVersion: 1,
    category: 'invoice',
    template: 'invoice-issued',
    locale: 'pt-BR',
    to: RENTER,
    variables: {
      agencyName: 'Imobiliária Horizonte',
      renterName: 'Conceição Araújo',
      period: 'maio/2025',
      amount: 'R$ 1.850,00',
      dueDate: '10/05/2025',
      propertyAddress: 'Rua das Acácias, 120 – São Paulo',
    },
    relatesTo: { kind: 'invoice', id: '6f1c2b9e-3d4a-4c5b-9e8f-1a2b3c4d5e6f' },
    ...overrides,
  };
}

function headerBlock(raw: Buffer): string {
  const text = raw.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

describe('deliverEmail over SMTP', () => {
  let sink: SmtpSink;
  let transport: MailTransport;
  let storageDir: string;
  let ledger: ReturnType<typeof memoryLedger>;
  let log: ReturnType<typeof memoryLogger>;

  beforeEach(async () => {
    sink = await startSmtpSink();
    transport = createMailTransport({ kind: 'smtp', url: sink.url, pool: true });
    storageDir = await mkdtemp(path.join(tmpdir(), 'email-storage-'));
    ledger = memoryLedger();
    log = memoryLogger();
  });

  afterEach(async () => {
    await transport.close();
    await sink.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  function deliver(data: EmailJobData, jobId = `email-${randomUUID()}`) {
    return deliverEmail({
      jobId,
      data,
      fromAddress: 'no-reply@imobibase.example.test',
      mailDomain: 'imobibase.example.test',
      transport,
      storage: folderStorage(storageDir),
      ledger,
      logger: log.logger,
    });
  }

  async function onlyMessage(): Promise<ParsedMail> {
    expect(sink.received).toHaveLength(1);
    const [message] = sink.received;
    return simpleParser(message?.raw ?? Buffer.alloc(0));
  }

  it('sends the pt-BR template with its accents intact', async () => {
    const result = await deliver(invoiceEmail());
    const mail = await onlyMessage();

    expect(result).toMatchObject({ status: 'sent', acceptedCount: 1 });
    expect(mail.messageId).toBe(result.messageId);
    expect(mail.subject).toBe('Sua fatura de maio/2025 – Imobiliária Horizonte');
    expect(mail.text).toContain('Olá, Conceição Araújo.');
    expect(mail.text).toContain('no valor de R$ 1.850,00 vence em 10/05/2025.');
    expect(mail.html).toContain('Olá, Conceição Araújo.');
    expect(mail.from?.value).toEqual([
      { address: 'no-reply@imobibase.example.test', name: 'Imobiliária Horizonte' },
    ]);
    expect(mail.to).toMatchObject({ value: [{ address: RENTER.email, name: RENTER.name }] });
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('sends the English template', async () => {
    await deliver(invoiceEmail({ locale: 'en' }));
    const mail = await onlyMessage();

    expect(mail.subject).toBe('Your maio/2025 invoice – Imobiliária Horizonte');
    expect(mail.text).toContain('Hello, Conceição Araújo.');
    expect(mail.text).toContain('Your invoice for maio/2025 of R$ 1.850,00 is due on 10/05/2025.');
  });

  it('escapes a name in the HTML part and keeps it literal in the text part', async () => {
    const data = invoiceEmail();
    data.variables.renterName = '<script>alert(1)</script>';
    await deliver(data);
    const mail = await onlyMessage();

    expect(mail.html).toContain('Olá, &lt;script&gt;alert(1)&lt;/script&gt;.');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('Olá, <script>alert(1)</script>.');
  });

  it('lets no line break in a name or subject add a header', async () => {
    const injection = '\r\nBcc: victim@example.test';
    const data = invoiceEmail({ to: { email: RENTER.email, name: `Ana${injection}` } });
    data.variables.period = `maio/2025${injection}`;
    data.variables.agencyName = `Horizonte${injection}`;
    await deliver(data);
    const mail = await onlyMessage();
    const headers = headerBlock(sink.received[0]?.raw ?? Buffer.alloc(0));

    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('bcc')).toBe(false);
    expect(headers).not.toMatch(/^bcc:/im);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain('Bcc: victim@example.test');
    // nodemailer alone would encode the CR LF into the words; decoded, they would be back.
    expect(mail.to).toMatchObject({
      value: [{ address: RENTER.email, name: 'Ana  Bcc: victim@example.test' }],
    });
    expect(mail.from?.value[0]?.name).toBe('Horizonte  Bcc: victim@example.test');
    expect(sink.received[0]?.recipients).toEqual([RENTER.email]);
  });

  it('streams an attachment from storage byte for byte, with its non-ASCII name', async () => {
    const pdf = randomBytes(256 * 1024);
    const storageKey = 'invoices/2025-05/6f1c2b9e.pdf';
    await mkdir(path.join(storageDir, 'invoices/2025-05'), { recursive: true });
    await writeFile(path.join(storageDir, storageKey), pdf);

    const filename = 'Fatura – Conceição.pdf';
    await deliver(
      invoiceEmail({ attachments: [{ storageKey, filename, contentType: 'application/pdf' }] }),
    );
    const mail = await onlyMessage();

    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]?.filename).toBe(filename);
    expect(mail.attachments[0]?.contentType).toBe('application/pdf');
    expect(mail.attachments[0]?.content.equals(pdf)).toBe(true);
    // Every non-ASCII header value was encoded (RFC 2047 / 2231): the raw message is 7-bit.
    expect(sink.received[0]?.raw.every((byte) => byte < 0x80)).toBe(true);
  });

  it('fails with a position, not a file name, when an attachment is missing', async () => {
    const data = invoiceEmail({
      attachments: [
        {
          storageKey: 'missing.pdf',
          filename: 'Fatura – Conceição.pdf',
          contentType: 'application/pdf',
        },
      ],
    });

    const err = await deliver(data).catch((caught: unknown) => caught);
    expect(err).toBeInstanceOf(EmailError);
    expect(err).toMatchObject({ code: 'EMAIL_ERR_ATTACHMENT', retryable: true });
    expect((err as Error).message).not.toContain('Conceição');
    expect(sink.received).toHaveLength(0);
  });

  it('sends exactly one message when the same job runs twice', async () => {
    const jobId = 'invoice-email:6f1c2b9e-3d4a-4c5b-9e8f-1a2b3c4d5e6f';
    const first = await deliver(invoiceEmail(), jobId);
    const second = await deliver(invoiceEmail(), jobId);

    expect(first.status).toBe('sent');
    expect(second).toEqual({ status: 'skipped-already-sent', messageId: first.messageId });
    expect(sink.received).toHaveLength(1);
    expect([...ledger.entries.values()]).toEqual([
      {
        key: `email:${first.messageId.slice(1, -1)}`,
        kind: 'email',
        jobId,
        detail: {
          acceptedCount: 1,
          template: 'invoice-issued',
          category: 'invoice',
          relatesTo: { kind: 'invoice', id: '6f1c2b9e-3d4a-4c5b-9e8f-1a2b3c4d5e6f' },
        },
      },
    ]);
  });

  it('keeps addresses and names out of the ledger and the logs', async () => {
    await deliver(invoiceEmail());
    const stored = JSON.stringify([...ledger.entries.values()]);
    const logged = log.lines.join('');

    expect(log.lines.length).toBeGreaterThan(0);
    for (const personal of [RENTER.email, RENTER.name, 'Rua das Acácias']) {
      expect(stored).not.toContain(personal);
      expect(logged).not.toContain(personal);
    }
  });

  it('fails permanently without the address when the server refuses the recipient', async () => {
    const to = { email: 'rejected.renter@example.test', name: 'Renata Recusada' };

    const err = await deliver(invoiceEmail({ to })).catch((caught: unknown) => caught);

    expect(err).toBeInstanceOf(EmailError);
    expect(err).toMatchObject({ code: 'EMAIL_ERR_REJECTED', retryable: false });
    const everything = inspect(err, { depth: 10 });
    expect(everything).toContain('550');
    expect(everything).not.toContain(to.email);
    expect(everything).not.toContain(to.name);
    expect(ledger.entries.size).toBe(0);
    expect(sink.received).toHaveLength(0);
  });
});

describe('deliverEmail when the SMTP server is down', () => {
  it('fails with a retryable transport error and records nothing', async () => {
    // A port that was just free: nothing listens on it, so the connection is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const transport = createMailTransport({
      kind: 'smtp',
      url: `smtp://127.0.0.1:${port}`,
      pool: true,
    });
    const ledger = memoryLedger();
    const err = await deliverEmail({
      jobId: 'email-down',
      data: invoiceEmail(),
      fromAddress: 'no-reply@imobibase.example.test',
      mailDomain: 'imobibase.example.test',
      transport,
      storage: { get: () => Promise.reject(new Error('no attachment expected')) },
      ledger,
      logger: memoryLogger().logger,
    }).catch((caught: unknown) => caught);
    await transport.close();

    expect(err).toBeInstanceOf(EmailError);
    expect(err).toMatchObject({ code: 'EMAIL_ERR_TRANSPORT', retryable: true });
    expect(inspect(err, { depth: 10 })).not.toContain(RENTER.email);
    expect(ledger.entries.size).toBe(0);
  });
});
