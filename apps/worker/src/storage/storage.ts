/**
 * The object storage seen by processors: a flat namespace of keys holding immutable blobs.
 *
 * Keys are deterministic per business object (see `keys.ts`), so a retried job writes the same
 * key again and overwrites instead of leaving a duplicate behind. Both drivers make a put
 * all-or-nothing: a reader sees the previous object or the new one, never a half-written one.
 */
import type { Readable } from 'node:stream';

export interface PutOptions {
  /** MIME type stored with the object, e.g. `application/pdf`. */
  contentType: string;
}

export interface PutResult {
  key: string;
  sizeBytes: number;
}

export interface ObjectStorage {
  /** Stores `body` under `key`, replacing any object already there. */
  put(key: string, body: Buffer | Readable, opts: PutOptions): Promise<PutResult>;

  /** Opens the object for reading; rejects with `STORAGE_ERR_NOT_FOUND` when it is missing. */
  get(key: string): Promise<Readable>;

  exists(key: string): Promise<boolean>;

  /** Removes the object. Deleting a missing key succeeds, as it does on S3. */
  delete(key: string): Promise<void>;

  /** Where the object lives, for people: a file path or `s3://bucket/key`. */
  describe(key: string): string;

  /** Releases connections. Safe to call more than once. */
  close(): Promise<void>;
}

export type StorageErrorCode =
  /** The object does not exist. */
  | 'STORAGE_ERR_NOT_FOUND'
  /** The key breaks the key rules; a programming error, never retryable. */
  | 'STORAGE_ERR_INVALID_KEY'
  /** The backend could not be reached or failed on its side; retrying may help. */
  | 'STORAGE_ERR_UNAVAILABLE'
  /** The backend refused the request (credentials, missing bucket); retrying will not help. */
  | 'STORAGE_ERR_REJECTED';

const RETRYABLE_CODES: ReadonlySet<StorageErrorCode> = new Set(['STORAGE_ERR_UNAVAILABLE']);

export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;

  /** True when the same call may succeed later, so the job should be retried. */
  readonly retryable: boolean;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.retryable = RETRYABLE_CODES.has(code);
  }
}

/** S3's own limit on a key, in UTF-8 bytes; our keys are ASCII, so characters. */
const MAX_KEY_LENGTH = 1024;

/** Most file systems cap a file name at 255 bytes; the local driver adds a temp suffix. */
const MAX_SEGMENT_LENGTH = 200;

const KEY_SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Throws `STORAGE_ERR_INVALID_KEY` unless `key` is a relative path of `[A-Za-z0-9._-]`
 * segments separated by single slashes, with no `.`/`..` segment and no `..` anywhere.
 * The same rules keep the local driver inside its folder and keep S3 keys unambiguous.
 */
export function assertValidKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw invalidKey(`key length must be 1-${MAX_KEY_LENGTH} characters`);
  }

  if (key.includes('..')) {
    throw invalidKey('key must not contain ".."');
  }

  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.') {
      throw invalidKey('key must be relative, without empty or "." segments');
    }
    if (segment.length > MAX_SEGMENT_LENGTH || !KEY_SEGMENT.test(segment)) {
      throw invalidKey('key segments must be 1-200 characters of [A-Za-z0-9._-]');
    }
  }
}

function invalidKey(message: string): StorageError {
  return new StorageError('STORAGE_ERR_INVALID_KEY', message);
}
