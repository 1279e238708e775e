/**
 * Folder driver, the default: each key is a file under `dir`.
 *
 * A put writes to a temp file in the target's own folder, flushes it to disk and then renames
 * it over the target. rename(2) within one file system is atomic, so readers see the old file
 * or the new one, never a partial write, and concurrent puts of one key end with one whole
 * winner. Temp files are named `.<name>.<uuid>.tmp` and removed when a write fails.
 *
 * The content type is not stored: nothing reads it back from this driver, and email
 * attachments carry their own content type in the job payload.
 */
import { randomUUID } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage, PutOptions, PutResult } from './storage.js';
import { assertValidKey, StorageError } from './storage.js';

export interface LocalStorageOptions {
  /** Root folder; created on first write. Relative paths resolve against the working dir. */
  dir: string;
}

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** On a write: a key that needs a folder where a file is, or the reverse. */
const COLLISION = new Set(['EEXIST', 'ENOTDIR', 'EISDIR']);

export class LocalStorage implements ObjectStorage {
  readonly #root: string;

  constructor(opts: LocalStorageOptions) {
    this.#root = resolve(opts.dir);
  }

  async put(key: string, body: Buffer | Readable, _opts: PutOptions): Promise<PutResult> {
    const target = this.#pathOf(key);
    const folder = dirname(target);
    await fsStep(() => mkdir(folder, { recursive: true }));

    const temp = join(folder, `.${basename(target)}.${randomUUID()}.tmp`);
    try {
      const sizeBytes = await writeDurably(temp, body);
      await fsStep(() => rename(temp, target));
      return { key, sizeBytes };
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.#pathOf(key);
    const handle = await fsStep(() => open(path, 'r'), key);

    // open(2) succeeds on a folder; reading it would fail later, mid-stream.
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      throw notFound(key);
    }

    return handle.createReadStream();
  }

  async exists(key: string): Promise<boolean> {
    const path = this.#pathOf(key);
    try {
      return (await stat(path)).isFile();
    } catch (err) {
      if (MISSING.has(errnoCode(err))) {
        return false;
      }
      throw unavailable(err);
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.#pathOf(key);
    try {
      await unlink(path);
    } catch (err) {
      if (!MISSING.has(errnoCode(err))) {
        throw unavailable(err);
      }
    }
  }

  describe(key: string): string {
    return this.#pathOf(key);
  }

  async close(): Promise<void> {}

  #pathOf(key: string): string {
    assertValidKey(key);
    return join(this.#root, key);
  }
}

/** Writes `body` to a new file at `path` and flushes it to disk; returns the size written. */
async function writeDurably(path: string, body: Buffer | Readable): Promise<number> {
  // 'wx' fails if the name exists, so a temp name can never be shared by two writers.
  const handle = await fsStep(() => open(path, 'wx'));
  try {
    const sizeBytes = Buffer.isBuffer(body)
      ? await writeBuffer(handle, body)
      : await writeStream(handle, body);
    await fsStep(() => handle.sync());
    return sizeBytes;
  } finally {
    await fsStep(() => handle.close());
  }
}

async function writeBuffer(handle: FileHandle, body: Buffer): Promise<number> {
  await fsStep(() => handle.writeFile(body));
  return body.length;
}

/**
 * Errors raised by `body` reach the caller unchanged (the source is theirs); errors of the
 * file system become `StorageError`s inside the sink, so the two cannot be confused.
 */
async function writeStream(handle: FileHandle, body: Readable): Promise<number> {
  let sizeBytes = 0;
  await pipeline(body, async (source: AsyncIterable<Buffer | string>) => {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      await fsStep(() => handle.write(bytes));
      sizeBytes += bytes.length;
    }
  });
  return sizeBytes;
}

/** Runs one file-system call, turning its failure into a `StorageError`. */
async function fsStep<T>(call: () => Promise<T>, missingKey?: string): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (missingKey !== undefined && MISSING.has(errnoCode(err))) {
      throw notFound(missingKey, err);
    }
    if (COLLISION.has(errnoCode(err))) {
      // S3 allows both `a` and `a/b`; a folder tree cannot, and no retry will fix that.
      throw new StorageError('STORAGE_ERR_REJECTED', 'key collides with another key', {
        cause: err,
      });
    }
    throw unavailable(err);
  }
}

function errnoCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

function notFound(key: string, cause?: unknown): StorageError {
  return new StorageError('STORAGE_ERR_NOT_FOUND', `object not found: ${key}`, { cause });
}

function unavailable(cause: unknown): StorageError {
  return new StorageError('STORAGE_ERR_UNAVAILABLE', 'local storage failed', { cause });
}
