import { describe, expect, it } from 'vitest';
import { ConfigError, concurrencyVariable, loadWorkerConfig } from './config.js';

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadWorkerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the worker configuration', () => {
  it('has a default for everything but the S3 credentials', () => {
    const config = loadWorkerConfig({});

    expect(config.queues).toEqual(['email', 'invoice']);
    expect(config.concurrency).toEqual({ email: 10, invoice: 5 });
    expect(config.redisKeyPrefix).toBe('imobibase');
    expect(config.storage).toEqual({ driver: 'local', dir: 'var/storage' });
    expect(config.mail).toEqual({ kind: 'outbox', dir: 'var/outbox' });
    expect(config.shutdownGraceMs).toBe(30_000);
  });

  it('takes concurrency per queue from the environment', () => {
    const config = loadWorkerConfig({ [concurrencyVariable('invoice')]: '2' });

    expect(concurrencyVariable('payment-reminder')).toBe('WORKER_CONCURRENCY_PAYMENT_REMINDER');
    expect(config.concurrency.invoice).toBe(2);
  });

  it('limits a replica to the queues it names', () => {
    expect(loadWorkerConfig({ WORKER_QUEUES: ' email , email' }).queues).toEqual(['email']);
  });

  it('names the variable and never echoes its value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ WORKER_CONCURRENCY_EMAIL: '0' }, 'WORKER_CONCURRENCY_EMAIL'],
      [{ WORKER_QUEUES: 'mail' }, 'WORKER_QUEUES'],
      [{ WORKER_QUEUES: 'backup' }, 'WORKER_QUEUES'],
      [{ REDIS_URL: 'http://s3cr3t@127.0.0.1' }, 'REDIS_URL'],
      [{ DATABASE_URL: 'not a url s3cr3t' }, 'DATABASE_URL'],
      [{ STORAGE_DRIVER: 'ftp' }, 'STORAGE_DRIVER'],
      [{ STORAGE_DRIVER: 's3' }, 'S3_BUCKET'],
      [{ SMTP_URL: 'http://user:s3cr3t@127.0.0.1' }, 'SMTP_URL'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ WORKER_CONCURRENCY_REPORT: 's3cr3t' }, 'WORKER_CONCURRENCY_REPORT'],
      [{ EMAIL_FROM_ADDRESS: 'a@example.test, s3cr3t@example.test' }, 'EMAIL_FROM_ADDRESS'],
      [{ EMAIL_MESSAGE_ID_DOMAIN: 'bad s3cr3t' }, 'EMAIL_MESSAGE_ID_DOMAIN'],
    ];

    for (const [env, variable] of cases) {
      const error = configErrorOf(env);
      expect(error.variable).toBe(variable);
      expect(error.message).toContain(variable);
      expect(error.message).not.toContain('s3cr3t');
    }
  });

  it('builds the S3 and SMTP settings when asked for', () => {
    const config = loadWorkerConfig({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'faturas',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      SMTP_URL: 'smtp://127.0.0.1:2525',
    });

    expect(config.storage).toMatchObject({ driver: 's3', bucket: 'faturas', forcePathStyle: true });
    expect(config.mail).toEqual({
      kind: 'smtp',
      url: 'smtp://127.0.0.1:2525',
      pool: true,
      maxConnections: 5,
    });
  });
});
