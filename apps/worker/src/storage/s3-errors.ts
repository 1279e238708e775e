/**
 * Maps what the AWS SDK throws onto `StorageError` codes. The SDK has already retried
 * retryable failures `maxAttempts` times by the time an error gets here; the code tells the
 * job runner whether a later attempt of the whole job may still succeed.
 */
import { S3ServiceException } from '@aws-sdk/client-s3';
import { StorageError } from './storage.js';

/** Names S3 (and S3-compatible servers) use for "try again later". */
const TRANSIENT_NAMES = new Set([
  'InternalError',
  'RequestTimeout',
  'ServiceUnavailable',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
]);

export interface S3ErrorContext {
  /** What was attempted, for the message, e.g. `put`. */
  operation: string;
  /** `s3://bucket/key` of the object, when there is one. */
  location?: string;
}

/** Wraps `err` into a `StorageError`, keeping it as the cause. */
export function toStorageError(err: unknown, context: S3ErrorContext): StorageError {
  if (err instanceof StorageError) {
    return err;
  }

  const where = context.location === undefined ? '' : ` ${context.location}`;
  const status = httpStatusOf(err);

  // No HTTP status means no answer: refused, reset, timed out, DNS. All transient.
  if (status === undefined) {
    return storageError('STORAGE_ERR_UNAVAILABLE', `s3 ${context.operation} failed${where}`, err);
  }

  const name = err instanceof Error ? err.name : '';
  if (name === 'NoSuchBucket') {
    return storageError('STORAGE_ERR_REJECTED', `s3 bucket does not exist${where}`, err);
  }
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) {
    return storageError('STORAGE_ERR_NOT_FOUND', `object not found:${where}`, err);
  }
  if (status >= 500 || status === 429 || TRANSIENT_NAMES.has(name)) {
    return storageError('STORAGE_ERR_UNAVAILABLE', `s3 ${context.operation} failed${where}`, err);
  }

  return storageError('STORAGE_ERR_REJECTED', `s3 ${context.operation} refused${where}`, err);
}

/** True for the SDK's "does not exist" answers (HEAD has no body, so only a 404 comes back). */
export function isNotFound(err: unknown): boolean {
  const name = err instanceof Error ? err.name : '';
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatusOf(err) === 404;
}

function httpStatusOf(err: unknown): number | undefined {
  if (err instanceof S3ServiceException) {
    return err.$metadata.httpStatusCode;
  }

  // Errors raised below the service layer (timeouts) may still carry metadata.
  const metadata = (err as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata;
  const status = metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

function storageError(code: StorageError['code'], message: string, cause: unknown): StorageError {
  return new StorageError(code, message, { cause });
}
