/**
 * S3 driver, for AWS S3 and S3-compatible servers (MinIO, s3rver, R2).
 *
 * The client is configured so that nothing is looked up from the environment: credentials
 * and region are always explicit, and `defaultsMode` is pinned because `auto` (selectable by
 * `AWS_DEFAULTS_MODE`) asks the instance metadata service for the region.
 *
 * Checksums are only sent when an operation requires them. Since SDK 3.729 the default is
 * `WHEN_SUPPORTED`, which sends a streamed body as `aws-chunked` with a CRC32 trailer; servers
 * that do not understand that framing (s3rver 3.7 among them) store the framing as part of the
 * object, silently corrupting it. Buffers are sent with a known length either way.
 *
 * A put of a Buffer is one PutObject. A put of a stream goes through lib-storage's `Upload`,
 * which buffers up to `queueSize × partSizeBytes` and switches to a multipart upload once the
 * stream outgrows one part; the object appears only when the upload completes.
 */

import { Readable } from 'node:stream';
import type { BucketLocationConstraint, S3ClientConfig } from '@aws-sdk/client-s3';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { isNotFound, toStorageError } from './s3-errors.js';
import type { ObjectStorage, PutOptions, PutResult } from './storage.js';
import { assertValidKey, StorageError } from './storage.js';

const MIB = 1024 * 1024;

/** S3 refuses multipart parts below 5 MiB, except the last. */
const MIN_PART_SIZE_BYTES = 5 * MIB;

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Base URL of an S3-compatible server; omit for AWS itself. */
  endpoint?: string;
  /** `true` for most S3-compatible servers: `http://host/bucket/key` instead of a subdomain. */
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** Size of one multipart part, at least 5 MiB. @defaultValue 8 MiB */
  partSizeBytes?: number;
  /** Parts uploaded in parallel for one stream. @defaultValue 2 */
  queueSize?: number;
  /** Time allowed to open a connection. @defaultValue 5_000 */
  connectionTimeoutMs?: number;
  /**
   * Time a connection may see no traffic, while sending, waiting or streaming a body back,
   * before the request fails. @defaultValue 60_000
   */
  idleTimeoutMs?: number;
  /** Tries per request, including the first. @defaultValue 3 */
  maxAttempts?: number;
}

export class S3Storage implements ObjectStorage {
  readonly bucket: string;
  readonly #client: S3Client;
  readonly #region: string;
  readonly #partSizeBytes: number;
  readonly #queueSize: number;

  constructor(opts: S3StorageOptions) {
    this.bucket = opts.bucket;
    this.#region = opts.region;
    this.#partSizeBytes = opts.partSizeBytes ?? 8 * MIB;
    this.#queueSize = opts.queueSize ?? 2;
    if (this.#partSizeBytes < MIN_PART_SIZE_BYTES) {
      throw new RangeError('partSizeBytes must be at least 5 MiB');
    }

    this.#client = new S3Client(clientConfig(opts));
  }

  async put(key: string, body: Buffer | Readable, opts: PutOptions): Promise<PutResult> {
    assertValidKey(key);
    if (Buffer.isBuffer(body)) {
      return this.#putBuffer(key, body, opts);
    }
    return this.#putStream(key, body, opts);
  }

  async get(key: string): Promise<Readable> {
    assertValidKey(key);
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: key });
    const response = await this.#send(() => this.#client.send(command), 'get', key);

    // In Node the SDK hands back the HTTP response itself, a Readable.
    if (!(response.Body instanceof Readable)) {
      throw new StorageError('STORAGE_ERR_UNAVAILABLE', 's3 get returned no readable body');
    }
    return response.Body;
  }

  async exists(key: string): Promise<boolean> {
    assertValidKey(key);
    const command = new HeadObjectCommand({ Bucket: this.bucket, Key: key });
    try {
      await this.#client.send(command);
      return true;
    } catch (err) {
      if (isNotFound(err)) {
        return false;
      }
      throw toStorageError(err, { operation: 'exists', location: this.describe(key) });
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    const command = new DeleteObjectCommand({ Bucket: this.bucket, Key: key });
    await this.#send(() => this.#client.send(command), 'delete', key);
  }

  describe(key: string): string {
    assertValidKey(key);
    return `s3://${this.bucket}/${key}`;
  }

  /**
   * Creates the bucket when it is missing. For development and tests: production buckets are
   * provisioned outside the app, and its credentials need not be allowed to create one.
   */
  async ensureBucket(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (err) {
      if (!isNotFound(err)) {
        throw toStorageError(err, { operation: 'head bucket' });
      }
    }

    // Outside us-east-1, S3 wants the region named again in the request body. The SDK types
    // list AWS regions only; S3-compatible servers accept their own names.
    const region = this.#region as BucketLocationConstraint;
    const location = this.#region === 'us-east-1' ? undefined : { LocationConstraint: region };
    const command = new CreateBucketCommand({
      Bucket: this.bucket,
      CreateBucketConfiguration: location,
    });
    try {
      await this.#client.send(command);
    } catch (err) {
      // Another process may have created it between our HEAD and CREATE.
      if (!(err instanceof Error && err.name === 'BucketAlreadyOwnedByYou')) {
        throw toStorageError(err, { operation: 'create bucket' });
      }
    }
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }

  async #putBuffer(key: string, body: Buffer, opts: PutOptions): Promise<PutResult> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ContentType: opts.contentType,
      ContentLength: body.length,
    });
    await this.#send(() => this.#client.send(command), 'put', key);
    return { key, sizeBytes: body.length };
  }

  async #putStream(key: string, body: Readable, opts: PutOptions): Promise<PutResult> {
    const counted = countBytes(body);
    const upload = new Upload({
      client: this.#client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: counted.stream,
        ContentType: opts.contentType,
      },
      partSize: this.#partSizeBytes,
      queueSize: this.#queueSize,
      // Abort the multipart upload on failure so no orphaned parts keep costing storage.
      leavePartsOnError: false,
    });

    try {
      await upload.done();
    } catch (err) {
      // A failing source belongs to the caller; hand it back untouched.
      if (counted.sourceError() === err) {
        throw err;
      }
      throw toStorageError(err, { operation: 'put', location: this.describe(key) });
    }
    return { key, sizeBytes: counted.sizeBytes() };
  }

  async #send<T>(call: () => Promise<T>, operation: string, key: string): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw toStorageError(err, { operation, location: this.describe(key) });
    }
  }
}

function clientConfig(opts: S3StorageOptions): S3ClientConfig {
  return {
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
    defaultsMode: 'standard',
    retryMode: 'standard',
    maxAttempts: opts.maxAttempts ?? 3,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    // Ignore AWS_ENDPOINT_URL_S3 and friends: the endpoint comes from our config only.
    ignoreConfiguredEndpointUrls: true,
    // Directory-bucket sessions would add a CreateSession call; we use general buckets.
    disableS3ExpressSessionAuth: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // An idle timeout rather than `requestTimeout`: that one bounds the whole exchange, which
    // would cut a slow reader of a large object, and it only logs (to console) unless told to
    // throw.
    requestHandler: {
      connectionTimeout: opts.connectionTimeoutMs ?? 5_000,
      socketTimeout: opts.idleTimeoutMs ?? 60_000,
    },
  };
}

interface CountedStream {
  stream: Readable;
  sizeBytes(): number;
  sourceError(): unknown;
}

/** Passes `body` through unchanged while counting its bytes and remembering its own failure. */
function countBytes(body: Readable): CountedStream {
  let sizeBytes = 0;
  let failure: unknown;

  async function* passThrough(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of body as AsyncIterable<Buffer | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        sizeBytes += bytes.length;
        yield bytes;
      }
    } catch (err) {
      failure = err;
      throw err;
    }
  }

  return {
    stream: Readable.from(passThrough(), { objectMode: false }),
    sizeBytes: () => sizeBytes,
    sourceError: () => failure,
  };
}
