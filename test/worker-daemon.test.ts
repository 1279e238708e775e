// The built worker daemon as a process: it refuses bad configuration with a message naming the
// variable, and exits 0 on SIGTERM and SIGINT after closing its connections.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testRedisUrl } from './helpers/services.js';

const ENTRY = join(import.meta.dirname, '..', 'apps', 'worker', 'dist', 'main.js');

let workDir: string;

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startDaemon(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

function untilLogged(started: Started, message: string): Promise<void> {
  const wanted = `"msg":"${message}"`;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (started.output().includes(wanted)) {
        cleanUp();
        resolve();
      }
    };
    const exitedFirst = () => {
      cleanUp();
      reject(new Error(`daemon exited before logging "${message}":\n${started.output()}`));
    };
    const cleanUp = () => {
      started.child.stdout?.off('data', check);
      started.child.off('exit', exitedFirst);
    };
    started.child.stdout?.on('data', check);
    started.child.once('exit', exitedFirst);
    check();
  });
}

function validEnv(): Record<string, string> {
  return {
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: `test-daemon-${process.pid}`,
    DATABASE_URL: testDatabaseUrl(),
    STORAGE_DIR: join(workDir, 'storage'),
    EMAIL_OUTBOX_DIR: join(workDir, 'outbox'),
  };
}

beforeAll(async () => {
  if (!existsSync(ENTRY)) {
    throw new Error('apps/worker/dist/main.js is missing: run `npm run build` (npm test does)');
  }
  workDir = await mkdtemp(join(tmpdir(), 'imobibase-daemon-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('the worker daemon', () => {
  it('refuses a bad variable at start-up, naming it and not its value', async () => {
    const started = startDaemon({ ...validEnv(), WORKER_CONCURRENCY_EMAIL: 'lots-of-secret' });

    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('WORKER_CONCURRENCY_EMAIL');
    expect(started.output()).not.toContain('lots-of-secret');
  });

  it('refuses a queue it has no processor for', async () => {
    const started = startDaemon({ ...validEnv(), WORKER_QUEUES: 'email,backups' });

    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('WORKER_QUEUES');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`exits 0 on ${signal} after closing its connections`, async () => {
      const started = startDaemon(validEnv());
      await untilLogged(started, 'worker consuming');

      started.child.kill(signal);

      expect(await started.exited).toBe(0);
      expect(started.output()).toContain('"msg":"worker stopped"');
    });
  }
});
