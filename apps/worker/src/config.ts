/**
 * The worker's configuration, read from the environment once at start-up. Every variable is
 * listed here with its default; a bad value stops the daemon with a message naming it.
 */
import {
  DEFAULT_CONCURRENCY,
  EMAIL_ADDRESS_PATTERN,
  isQueueName,
  PROCESSED_QUEUES,
  type ProcessedQueue,
  QUEUE_NAMES,
  type QueueName,
  REDIS_KEY_PREFIX,
} from '@imobibase/jobs-contract';
import type { MailTransportConfig } from './email/transport.js';
import type { StorageConfig } from './storage/create-storage.js';

/** Queues this build of the worker has processors for: the contract's processed queues. */
export const HOSTED_QUEUES = PROCESSED_QUEUES;
export type HostedQueue = ProcessedQueue;

export interface WorkerConfig {
  redisUrl: string;
  redisKeyPrefix: string;
  databaseUrl: string;
  databasePoolMax: number;
  queues: HostedQueue[];
  concurrency: Record<HostedQueue, number>;
  shutdownGraceMs: number;
  abortGraceMs: number;
  logLevel: string;
  storage: StorageConfig;
  mail: MailTransportConfig;
  emailFromAddress: string;
  messageIdDomain: string;
}

/** A variable of the environment has a value the worker cannot use. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'WORKER_ERR_CONFIG';
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.variable = variable;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const EMAIL_ADDRESS = new RegExp(EMAIL_ADDRESS_PATTERN);

// A DNS host name (RFC 1123 labels).
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function text(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? fallback : value;
}

function optionalText(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function requiredText(env: Env, name: string): string {
  const value = optionalText(env, name);
  if (value === undefined) {
    throw new ConfigError(name, 'is required');
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optionalText(env, name);
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = optionalText(env, name)?.toLowerCase();
  if (raw === undefined) {
    return fallback;
  }
  if (raw === 'true' || raw === '1') {
    return true;
  }
  if (raw === 'false' || raw === '0') {
    return false;
  }
  throw new ConfigError(name, 'must be true or false');
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = text(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    // The value may hold a password, so the message names the variable only.
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return value;
}

function matching(env: Env, name: string, fallback: string, pattern: RegExp, what: string) {
  const value = text(env, name, fallback);
  if (!pattern.test(value)) {
    throw new ConfigError(name, `must be ${what}`);
  }
  return value;
}

function hostedQueues(env: Env): HostedQueue[] {
  const raw = optionalText(env, 'WORKER_QUEUES');
  if (raw === undefined) {
    return [...HOSTED_QUEUES];
  }

  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!isQueueName(name)) {
      throw new ConfigError(
        'WORKER_QUEUES',
        `names an unknown queue "${name}" (known: ${QUEUE_NAMES.join(', ')})`,
      );
    }
    if (!(HOSTED_QUEUES as readonly string[]).includes(name)) {
      throw new ConfigError(
        'WORKER_QUEUES',
        `names queue "${name}", which this worker has no processor for`,
      );
    }
  }
  if (names.length === 0) {
    throw new ConfigError('WORKER_QUEUES', 'must name at least one queue');
  }
  return [...new Set(names)] as HostedQueue[];
}

/** `payment-reminder` → `WORKER_CONCURRENCY_PAYMENT_REMINDER`. */
export function concurrencyVariable(queue: QueueName): string {
  return `WORKER_CONCURRENCY_${queue.toUpperCase().replaceAll('-', '_')}`;
}

function storageConfig(env: Env): StorageConfig {
  const driver = text(env, 'STORAGE_DRIVER', 'local');
  if (driver === 'local') {
    return { driver, dir: text(env, 'STORAGE_DIR', 'var/storage') };
  }
  if (driver !== 's3') {
    throw new ConfigError('STORAGE_DRIVER', 'must be local or s3');
  }

  const endpoint = optionalText(env, 'S3_ENDPOINT');
  return {
    driver,
    bucket: requiredText(env, 'S3_BUCKET'),
    region: text(env, 'S3_REGION', 'us-east-1'),
    ...(endpoint === undefined
      ? {}
      : { endpoint: url(env, 'S3_ENDPOINT', '', ['http:', 'https:']) }),
    forcePathStyle: boolean(env, 'S3_FORCE_PATH_STYLE', true),
    accessKeyId: requiredText(env, 'S3_ACCESS_KEY_ID'),
    secretAccessKey: requiredText(env, 'S3_SECRET_ACCESS_KEY'),
  };
}

function mailConfig(env: Env): MailTransportConfig {
  if (optionalText(env, 'SMTP_URL') === undefined) {
    return { kind: 'outbox', dir: text(env, 'EMAIL_OUTBOX_DIR', 'var/outbox') };
  }
  return {
    kind: 'smtp',
    url: url(env, 'SMTP_URL', '', ['smtp:', 'smtps:']),
    pool: true,
    maxConnections: integer(env, 'SMTP_POOL_MAX_CONNECTIONS', 5, 1, 100),
  };
}

/** Reads and checks the whole worker configuration; throws {@link ConfigError} on bad input. */
export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const queues = hostedQueues(env);
  // Every queue's variable is checked, hosted or not, so a typo in a deployment fails now
  // rather than when that queue's processor ships.
  const allConcurrency = Object.fromEntries(
    QUEUE_NAMES.map((queue) => [
      queue,
      integer(env, concurrencyVariable(queue), DEFAULT_CONCURRENCY[queue], 1, 1000),
    ]),
  ) as Record<QueueName, number>;
  const concurrency = Object.fromEntries(
    HOSTED_QUEUES.map((queue) => [queue, allConcurrency[queue]]),
  ) as Record<HostedQueue, number>;

  const logLevel = text(env, 'LOG_LEVEL', 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  return {
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisKeyPrefix: text(env, 'REDIS_KEY_PREFIX', REDIS_KEY_PREFIX),
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://imobibase@127.0.0.1:5432/imobibase', [
      'postgres:',
      'postgresql:',
    ]),
    databasePoolMax: integer(env, 'DATABASE_POOL_MAX', 10, 1, 200),
    queues,
    concurrency,
    shutdownGraceMs: integer(env, 'WORKER_SHUTDOWN_GRACE_MS', 30_000, 0, 3_600_000),
    abortGraceMs: integer(env, 'WORKER_ABORT_GRACE_MS', 5_000, 0, 600_000),
    logLevel,
    storage: storageConfig(env),
    mail: mailConfig(env),
    emailFromAddress: matching(
      env,
      'EMAIL_FROM_ADDRESS',
      'nao-responda@imobibase.example.test',
      EMAIL_ADDRESS,
      'one email address, without a display name',
    ),
    messageIdDomain: matching(
      env,
      'EMAIL_MESSAGE_ID_DOMAIN',
      'imobibase.example.test',
      HOST_NAME,
      'a host name',
    ),
  };
}
