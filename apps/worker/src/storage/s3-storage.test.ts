import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
// s3rver ships no type declarations; the tests use only its constructor, run() and close().
import S3rver from 's3rver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from './create-storage.js';
import { LocalStorage } from './local-storage.js';
import type { S3StorageOptions } from './s3-storage.js';
import { S3Storage } from './s3-storage.js';
import { StorageError } from './storage.js';

const MIB = 1024 * 1024;
const PDF = { contentType: 'application/pdf' };

interface KoaContext {
  method: string;
  url: string;
}

let dataDir: string;
let server: { run(): Promise<{ port: number }>; close(): Promise<void>; middleware: unknown[] };
let requests: string[] = [];
let base: S3StorageOptions;
let storage: S3Storage;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'imobibase-s3rver-'));
  // The published types leave out `middleware`, which s3rver has as a Koa application.
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dataDir,
  }) as unknown as typeof server;

  // s3rver is a Koa app: a middleware put first sees every request, to tell which S3
  // operations the driver used.
  server.middleware.unshift(async (ctx: KoaContext, next: () => Promise<void>) => {
    requests.push(`${ctx.method} ${ctx.url}`);
    await next();
  });

  const { port } = await server.run();
  base = {
    bucket: 'imobibase-test',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    partSizeBytes: 5 * MIB,
  };
  storage = new S3Storage(base);
  await storage.ensureBucket();
});

afterAll(async () => {
  await storage?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  requests = [];
});

async function read(key: string): Promise<Buffer> {
  return buffer(await storage.get(key));
}

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StorageError);
  return err as StorageError;
}

/** Bytes that differ at every position, so a dropped or repeated part is noticed. */
function patterned(sizeBytes: number): Buffer {
  const bytes = Buffer.alloc(sizeBytes);
  for (let i = 0; i < sizeBytes; i += 4) {
    bytes.writeUInt32BE(i >>> 0, i);
  }
  return bytes;
}

/** A port on loopback with nobody listening. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

describe('S3Storage against s3rver', () => {
  it('stores a buffer and reads the same bytes back', async () => {
    const body = patterned(4096);
    const result = await storage.put('agencies/a1/invoices/2026-11/i1.pdf', body, PDF);

    expect(result).toEqual({ key: 'agencies/a1/invoices/2026-11/i1.pdf', sizeBytes: 4096 });
    expect((await read('agencies/a1/invoices/2026-11/i1.pdf')).equals(body)).toBe(true);
    expect(await storage.exists('agencies/a1/invoices/2026-11/i1.pdf')).toBe(true);
    expect(storage.describe('agencies/a1/invoices/2026-11/i1.pdf')).toBe(
      's3://imobibase-test/agencies/a1/invoices/2026-11/i1.pdf',
    );
  });

  it('uploads a 12 MiB stream in 5 MiB parts and reads it back byte-identical', async () => {
    const body = patterned(12 * MIB);
    const chunks = Array.from({ length: 12 * 16 }, (_, i) =>
      body.subarray(i * 65_536, (i + 1) * 65_536),
    );
    const result = await storage.put('exports/big.bin', Readable.from(chunks), PDF);

    expect(result.sizeBytes).toBe(12 * MIB);
    expect((await read('exports/big.bin')).equals(body)).toBe(true);

    const partUploads = requests.filter((r) => r.startsWith('PUT') && r.includes('partNumber='));
    expect(partUploads).toHaveLength(3);
    expect(requests.some((r) => r.startsWith('POST') && r.includes('uploads'))).toBe(true);
  });

  it('sends a small stream as one plain put', async () => {
    const result = await storage.put('small.txt', Readable.from([Buffer.from('olá')]), PDF);

    expect(result.sizeBytes).toBe(4);
    expect((await read('small.txt')).toString()).toBe('olá');
    expect(requests.filter((r) => r.includes('partNumber='))).toEqual([]);
  });

  it('overwrites on a re-run', async () => {
    await storage.put('reports/r1.csv', Buffer.from('first'), PDF);
    await storage.put('reports/r1.csv', Readable.from([Buffer.from('second')]), PDF);

    expect((await read('reports/r1.csv')).toString()).toBe('second');
  });

  it('reports a missing object as STORAGE_ERR_NOT_FOUND', async () => {
    const err = await rejection(storage.get('nothing/here.pdf'));

    expect(err.code).toBe('STORAGE_ERR_NOT_FOUND');
    expect(err.retryable).toBe(false);
    expect(err.cause).toBeInstanceOf(Error);
    expect(await storage.exists('nothing/here.pdf')).toBe(false);
  });

  it('deletes, and deleting a missing object succeeds', async () => {
    await storage.put('tmp/x.bin', Buffer.from('x'), PDF);
    await storage.delete('tmp/x.bin');
    await storage.delete('tmp/x.bin');

    expect(await storage.exists('tmp/x.bin')).toBe(false);
  });

  it('rethrows a failing source stream unchanged and stores nothing', async () => {
    const failure = new Error('source broke');
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('partial');
      throw failure;
    }

    await expect(storage.put('broken.bin', Readable.from(failing()), PDF)).rejects.toBe(failure);
    expect(await storage.exists('broken.bin')).toBe(false);
  });

  it('rejects invalid keys before any request', async () => {
    const err = await rejection(storage.put('../escape.pdf', Buffer.from('x'), PDF));

    expect(err.code).toBe('STORAGE_ERR_INVALID_KEY');
    expect(requests).toEqual([]);
  });

  it('is idempotent when ensuring the bucket again', async () => {
    await storage.ensureBucket();
    expect(await storage.exists('agencies/a1/invoices/2026-11/i1.pdf')).toBe(true);
  });

  describe('when the server refuses', () => {
    // s3rver checks the access key id but does not verify SigV4 signatures, so an unknown
    // key id is the credential error it can produce.
    it('maps an unknown access key to STORAGE_ERR_REJECTED', async () => {
      const wrong = new S3Storage({ ...base, accessKeyId: 'NOT-A-KEY' });
      const err = await rejection(wrong.put('x.bin', Buffer.from('x'), PDF)).finally(() =>
        wrong.close(),
      );

      expect(err.code).toBe('STORAGE_ERR_REJECTED');
      expect(err.retryable).toBe(false);
    });

    it('maps a missing bucket to STORAGE_ERR_REJECTED', async () => {
      const other = new S3Storage({ ...base, bucket: 'no-such-bucket' });
      const err = await rejection(other.get('x.bin')).finally(() => other.close());

      expect(err.code).toBe('STORAGE_ERR_REJECTED');
    });
  });

  describe('when the server cannot be reached', () => {
    it('fails with a retryable STORAGE_ERR_UNAVAILABLE', async () => {
      const port = await closedPort();
      const down = new S3Storage({ ...base, endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 });
      const err = await rejection(down.put('x.bin', Buffer.from('x'), PDF)).finally(() =>
        down.close(),
      );

      expect(err.code).toBe('STORAGE_ERR_UNAVAILABLE');
      expect(err.retryable).toBe(true);
      expect(err.cause).toBeInstanceOf(Error);
    });
  });
});

describe('createStorage', () => {
  it('builds the driver named by the config', async () => {
    const local = createStorage({ driver: 'local', dir: join(dataDir, 'local') });
    const s3 = createStorage({ driver: 's3', ...base });

    expect(local).toBeInstanceOf(LocalStorage);
    expect(s3).toBeInstanceOf(S3Storage);
    expect(s3.describe('a/b.pdf')).toBe('s3://imobibase-test/a/b.pdf');
    await s3.close();
  });
});
