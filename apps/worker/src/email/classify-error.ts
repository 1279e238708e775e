/**
 * Turns a nodemailer failure into an EmailError that tells the processor whether to retry.
 *
 * A permanent SMTP reply (5xx except 503) to the envelope or the message means the server will
 * refuse the same message again: EMAIL_ERR_REJECTED, not retryable. Everything else (refused
 * or dropped connections, timeouts, 4xx replies, failed logins that an operator can fix) is
 * EMAIL_ERR_TRANSPORT and retried.
 *
 * SMTP replies often quote the recipient (`550 <ana@…>: no such user`), so the error kept as
 * `cause` is a copy with addresses and the recipient's name blanked out.
 */
import { EmailError } from './errors.js';

interface SmtpFailure extends Error {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
  originalCode?: string;
  timeoutType?: string;
}

// Commands whose refusal is about this message, not about the session or the credentials.
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

const EMAIL_ADDRESS = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;
const REDACTED = '[redacted]';

export function classifySendError(err: unknown, personalData: readonly string[]): EmailError {
  const failure = asFailure(err);
  const cause = redactedCopy(failure, personalData);
  const reply = failure.responseCode === undefined ? '' : ` (reply ${failure.responseCode})`;

  if (isPermanentRejection(failure)) {
    return new EmailError('EMAIL_ERR_REJECTED', `the mail server refused the message${reply}`, {
      cause,
    });
  }
  const code = failure.code === undefined ? '' : ` ${failure.code}`;
  return new EmailError('EMAIL_ERR_TRANSPORT', `sending failed${code}${reply}`, { cause });
}

function isPermanentRejection(failure: SmtpFailure): boolean {
  if (!MESSAGE_CODES.has(failure.code ?? '')) {
    return false;
  }
  // nodemailer sets `permanent` from the reply class. Without a reply, it refused the message
  // itself (a bad address, larger than the server's SIZE), which a retry would repeat.
  return failure.responseCode === undefined || failure.permanent === true;
}

function asFailure(err: unknown): SmtpFailure {
  return err instanceof Error ? (err as SmtpFailure) : new Error(String(err));
}

/** A copy of the failure safe to log: same codes, personal data blanked in the texts. */
function redactedCopy(failure: SmtpFailure, personalData: readonly string[]): SmtpFailure {
  const copy: SmtpFailure = new Error(redact(failure.message, personalData));
  copy.name = failure.name;
  copy.stack = `${copy.name}: ${copy.message}\n${stackFrames(failure)}`;
  for (const key of [
    'code',
    'command',
    'responseCode',
    'permanent',
    'originalCode',
    'timeoutType',
  ] as const) {
    if (failure[key] !== undefined) {
      Object.assign(copy, { [key]: failure[key] });
    }
  }
  if (failure.response !== undefined) {
    copy.response = redact(failure.response, personalData);
  }
  return copy;
}

// Only the `at …` lines: the first line of a stack repeats the unredacted message.
function stackFrames(failure: Error): string {
  const lines = failure.stack?.split('\n') ?? [];
  return lines.filter((line) => line.trimStart().startsWith('at ')).join('\n');
}

export function redact(text: string, personalData: readonly string[]): string {
  let result = text.replace(EMAIL_ADDRESS, REDACTED);
  for (const value of personalData) {
    if (value !== '') {
      result = result.split(value).join(REDACTED);
    }
  }
  return result;
}
