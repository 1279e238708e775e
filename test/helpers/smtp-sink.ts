// A real SMTP server in the test process, on loopback, that keeps every message it receives.

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMessage {
  raw: Buffer;
  recipients: string[];
}

export interface SmtpSink {
  url: string;
  received: ReceivedMessage[];
  /** Resolves once at least `count` messages have arrived, or rejects after `timeoutMs`. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the sink. Recipients whose local part starts with `rejected` get a permanent 550
 * quoting the address, as real servers do.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMessage[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!address.address.startsWith('rejected')) {
        callback();
        return;
      }
      const refusal = new Error(`5.1.1 <${address.address}>: mailbox unavailable`);
      callback(Object.assign(refusal, { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        received.push({ raw: Buffer.concat(chunks), recipients });
        for (const waiter of waiters.filter((w) => received.length >= w.count)) {
          waiter.resolve();
        }
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  const waitForCount = (count: number, timeoutMs = 20_000) => {
    if (received.length >= count) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} messages, got ${received.length}`)),
        timeoutMs,
      );
      waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitForCount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
