// The Redis and PostgreSQL a test run uses, as chosen by test/global-setup.ts: from REDIS_URL
// and DATABASE_URL, throwaway containers, or the private 'test' instances. The database is a
// fresh one made for this run, with the worker's migrations applied.

import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    databaseUrl: string;
  }
}

export function testRedisUrl(): string {
  return inject('redisUrl');
}

export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}
