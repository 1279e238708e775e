/**
 * Errors of the email flow. Each carries a stable code and says whether a retry can help; the
 * processor turns `retryable: false` into BullMQ's UnrecoverableError. Messages never hold a
 * recipient's address or name, nor a template variable's value.
 */

export type EmailErrorCode =
  | 'EMAIL_ERR_TEMPLATE_UNKNOWN'
  | 'EMAIL_ERR_TEMPLATE_VARIABLE'
  | 'EMAIL_ERR_RECIPIENT_INVALID'
  | 'EMAIL_ERR_ATTACHMENT'
  | 'EMAIL_ERR_REJECTED'
  | 'EMAIL_ERR_TRANSPORT'
  | 'EMAIL_ERR_CONFIG';

// A retry re-renders the same data and re-sends to the same server, so only failures outside
// the job's data (a server or storage that is down) are worth another attempt.
const RETRYABLE_BY_DEFAULT: Readonly<Record<EmailErrorCode, boolean>> = {
  EMAIL_ERR_TEMPLATE_UNKNOWN: false,
  EMAIL_ERR_TEMPLATE_VARIABLE: false,
  EMAIL_ERR_RECIPIENT_INVALID: false,
  EMAIL_ERR_ATTACHMENT: true,
  EMAIL_ERR_REJECTED: false,
  EMAIL_ERR_TRANSPORT: true,
  EMAIL_ERR_CONFIG: false,
};

export class EmailError extends Error {
  override readonly name = 'EmailError';
  readonly code: EmailErrorCode;
  readonly retryable: boolean;

  constructor(
    code: EmailErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT[code];
  }
}

export function isEmailError(value: unknown): value is EmailError {
  return value instanceof EmailError;
}
