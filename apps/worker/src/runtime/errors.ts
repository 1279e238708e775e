/**
 * Error helpers of the worker runtime: whatever a processor throws becomes an `Error` with a
 * stable code, and errors that retrying cannot fix become BullMQ `UnrecoverableError`s.
 */
import { UnrecoverableError } from 'bullmq';

/** An error of ours: a stable code and whether a later attempt may succeed. */
export class JobError extends Error {
  override readonly name: string = 'JobError';
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable;
  }
}

/** Turns anything thrown into an `Error`, keeping the original as `cause`. */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) {
    return thrown;
  }
  return new Error(`non-error thrown: ${typeof thrown}`, { cause: thrown });
}

/** Whether `error` says retrying cannot help (`retryable: false` on any error class of ours). */
export function isPermanent(error: Error): boolean {
  if (error instanceof UnrecoverableError) {
    return true;
  }
  return (error as { retryable?: unknown }).retryable === false;
}

const CODE_PREFIX = /^([A-Z]+(?:_[A-Z0-9]+)*_ERR_[A-Z0-9_]+): /;

/**
 * The stable code of an error, when it has one: its `code`, or the code an
 * `UnrecoverableError` carries at the start of its message.
 */
export function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    return code;
  }
  return CODE_PREFIX.exec(error.message)?.[1];
}

/**
 * An `UnrecoverableError` that keeps the original's code in its message, so the failure
 * reason operators see in the queue still says what went wrong.
 */
export function unrecoverable(error: Error): UnrecoverableError {
  const code = errorCode(error);
  const wrapped = new UnrecoverableError(code ? `${code}: ${error.message}` : error.message);
  wrapped.cause = error;
  return wrapped;
}
