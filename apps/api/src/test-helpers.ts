/**
 * Shared fixtures of the API's tests: configuration with a private key prefix, a logger that
 * writes to memory, key clean-up and condition polling. Not part of the build.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ApiConfig } from './config.js';
import { createApiLogger } from './logger.js';

/** Redis the tests use: `REDIS_URL` from the environment. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** An invented service and its token, as `API_SERVICE_TOKENS` would configure them. */
export const MAIN_APP = {
  name: 'main-app',
  token: 'tok-main-app-4f1c9e2b7a5d4c3b9e8f7a6d5c4b3a29',
};

export const OTHER_SERVICE = {
  name: 'billing-cron',
  token: 'tok-billing-cron-8e7d6c5b4a3f2e1d0c9b8a7f',
};

export const AUTH_HEADERS = { authorization: `Bearer ${MAIN_APP.token}` };

/** Configuration for one test file: its own key prefix, so its keys can be removed after. */
export function testConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    redisUrl: TEST_REDIS_URL,
    redisKeyPrefix: `test-${randomUUID()}`,
    serviceTokens: [MAIN_APP, OTHER_SERVICE],
    logLevel: 'silent',
    enqueueTimeoutMs: 2000,
    shutdownGraceMs: 10_000,
    ...overrides,
  };
}

/** Deletes every key under `prefix`. */
export async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) {
      await redis.unlink(...keys);
    }
  } while (cursor !== '0');
}

/** A logger with the API's redaction rules that keeps its lines in memory. */
export function memoryLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const logger = createApiLogger({
    level: 'trace',
    destination: { write: (chunk: string) => void chunks.push(chunk) },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const invoicePayload = (invoiceId: string = randomUUID()) => ({
  schemaVersion: 1,
  invoiceId,
});

export const monthEndPayload = (period = '2026-11') => ({
  schemaVersion: 1,
  agencyId: randomUUID(),
  period,
});
