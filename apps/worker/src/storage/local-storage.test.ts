import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalStorage } from './local-storage.js';
import { StorageError } from './storage.js';

let dir: string;
let storage: LocalStorage;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imobibase-local-storage-'));
  storage = new LocalStorage({ dir: join(dir, 'objects') });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PDF = { contentType: 'application/pdf' };

async function read(key: string): Promise<Buffer> {
  return buffer(await storage.get(key));
}

/** Every file under `root`, relative, including dot files. */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StorageError);
  return err as StorageError;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('LocalStorage', () => {
  it('stores a buffer in nested folders and reads it back', async () => {
    const body = Buffer.from('%PDF-1.3 invented invoice');
    const result = await storage.put('agencies/a1/invoices/2026-11/i1.pdf', body, PDF);

    expect(result).toEqual({ key: 'agencies/a1/invoices/2026-11/i1.pdf', sizeBytes: body.length });
    expect(await read('agencies/a1/invoices/2026-11/i1.pdf')).toEqual(body);
    expect(await storage.exists('agencies/a1/invoices/2026-11/i1.pdf')).toBe(true);
    expect(storage.describe('agencies/a1/invoices/2026-11/i1.pdf')).toBe(
      join(dir, 'objects/agencies/a1/invoices/2026-11/i1.pdf'),
    );
  });

  it('stores a stream and counts its bytes', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(65_536, i));
    const result = await storage.put('exports/big.bin', Readable.from(chunks), PDF);

    expect(result.sizeBytes).toBe(40 * 65_536);
    // Buffer#equals: vitest's deep equality walks a large buffer byte by byte, very slowly.
    expect((await read('exports/big.bin')).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('overwrites on a re-run instead of adding a second object', async () => {
    await storage.put('reports/r1.csv', Buffer.from('first'), PDF);
    await storage.put('reports/r1.csv', Readable.from([Buffer.from('second')]), PDF);

    expect((await read('reports/r1.csv')).toString()).toBe('second');
    expect(await listFiles(join(dir, 'objects'))).toEqual(['reports/r1.csv']);
  });

  it('keeps the old object visible until a streamed overwrite completes', async () => {
    await storage.put('reports/r1.csv', Buffer.from('old'), PDF);
    const source = new PassThrough();
    const putting = storage.put('reports/r1.csv', source, PDF);

    source.write('new, half');
    await waitFor(async () => (await listFiles(join(dir, 'objects'))).length === 2);
    expect((await read('reports/r1.csv')).toString()).toBe('old');

    source.end(' and done');
    await putting;
    expect((await read('reports/r1.csv')).toString()).toBe('new, half and done');
    expect(await listFiles(join(dir, 'objects'))).toEqual(['reports/r1.csv']);
  });

  describe('when the source stream fails', () => {
    it('rethrows the source error, keeps the old object and leaves no temp file', async () => {
      await storage.put('reports/r1.csv', Buffer.from('old'), PDF);
      const failure = new Error('source broke');
      const source = new Readable({ read() {} });
      const putting = storage.put('reports/r1.csv', source, PDF);

      source.push('partial');
      await waitFor(async () => (await listFiles(join(dir, 'objects'))).length === 2);
      source.destroy(failure);

      await expect(putting).rejects.toBe(failure);
      expect((await read('reports/r1.csv')).toString()).toBe('old');
      expect(await listFiles(join(dir, 'objects'))).toEqual(['reports/r1.csv']);
    });
  });

  it('reports a missing object as STORAGE_ERR_NOT_FOUND', async () => {
    await storage.put('a/b/c.pdf', Buffer.from('x'), PDF);

    expect((await rejection(storage.get('a/missing.pdf'))).code).toBe('STORAGE_ERR_NOT_FOUND');
    // A folder is not an object.
    expect((await rejection(storage.get('a/b'))).code).toBe('STORAGE_ERR_NOT_FOUND');
    expect(await storage.exists('a/b')).toBe(false);
    expect(await storage.exists('a/missing.pdf')).toBe(false);
  });

  it('deletes, and deleting a missing object succeeds', async () => {
    await storage.put('a/c.pdf', Buffer.from('x'), PDF);
    await storage.delete('a/c.pdf');
    await storage.delete('a/c.pdf');

    expect(await storage.exists('a/c.pdf')).toBe(false);
  });

  it('refuses a key that needs a folder where an object is', async () => {
    await storage.put('a', Buffer.from('x'), PDF);
    const err = await rejection(storage.put('a/b', Buffer.from('y'), PDF));

    expect(err.code).toBe('STORAGE_ERR_REJECTED');
    expect(err.retryable).toBe(false);
    expect(await listFiles(join(dir, 'objects'))).toEqual(['a']);
  });

  describe('when the key is invalid', () => {
    const badKeys = [
      '',
      '/etc/passwd',
      '../outside.pdf',
      'a/../../outside.pdf',
      'a/./b.pdf',
      'a//b.pdf',
      'a/b/',
      'a\\b.pdf',
      'espaço.pdf',
      'a b.pdf',
      'a?b.pdf',
      'x'.repeat(201),
    ];

    it.each(badKeys)('rejects %j in every operation without touching the disk', async (key) => {
      const ops = [
        storage.put(key, Buffer.from('x'), PDF),
        storage.get(key),
        storage.exists(key),
        storage.delete(key),
      ];
      for (const op of ops) {
        expect((await rejection(op)).code).toBe('STORAGE_ERR_INVALID_KEY');
      }
      expect(() => storage.describe(key)).toThrow(StorageError);
      await expect(stat(join(dir, 'objects'))).rejects.toThrow(/ENOENT/);
    });
  });

  it('writes the bytes that were put, byte for byte', async () => {
    const body = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await storage.put('bytes.bin', body, PDF);

    expect(await readFile(storage.describe('bytes.bin'))).toEqual(body);
  });
});
