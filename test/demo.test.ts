// `npm run demo -- --once` end to end, as a person runs it, against the test run's Redis and a
// database of its own.

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testRedisUrl } from './helpers/services.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

const REPO_ROOT = join(import.meta.dirname, '..');

let database: TestDatabase;
let dataDir: string;
const prefix = `test-demo-${process.pid}-${Date.now()}`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

function runDemo(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/demo.mjs', '--once', '--leases', '8'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase(testDatabaseUrl());
  dataDir = await mkdtemp(join(tmpdir(), 'imobibase-demo-'));
});

afterAll(async () => {
  const redis = new Redis(testRedisUrl());
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) {
    await redis.del(...keys);
  }
  await redis.quit();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run demo -- --once', () => {
  it('runs the month-end batch and exits 0 with a summary', async () => {
    const { code, output } = await runDemo({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: database.url,
      DEMO_API_PORT: String(await freePort()),
      DEMO_DATA_DIR: dataDir,
    });

    expect(code, output).toBe(0);
    expect(output).toContain('Month-end invoice run: Imobiliária Horizonte');
    expect(output).toMatch(/emails sent\s+8\b/);
    expect(output).toMatch(/failed jobs\s+0\b/);
    const emails = (await readdir(join(dataDir, 'outbox'))).filter((f) => f.endsWith('.eml'));
    expect(emails).toHaveLength(8);
  }, 120_000);
});
