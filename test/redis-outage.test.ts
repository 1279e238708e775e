// Redis stopped and started again under a running worker and API: the API answers 503 while it
// is gone and recovers by itself; the worker consumes again without being restarted.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../apps/api/src/app.js';
import { loadApiConfig } from '../apps/api/src/config.js';
import { loadWorkerConfig } from '../apps/worker/src/config.js';
import { createLogger } from '../apps/worker/src/logger.js';
import { type RunningWorker, startWorker } from '../apps/worker/src/worker.js';
import { type RedisProcess, startRedisProcess } from './helpers/redis-process.js';
import { testDatabaseUrl } from './helpers/services.js';
import { waitFor } from './helpers/wait-for.js';

const TOKEN = 'tok-outage-test-7c1e9a3f5b2d4e6a8c0f1b3d5e7a9c2f';

let redis: RedisProcess;
let outbox: string;
let worker: RunningWorker;
let api: FastifyInstance;

function enqueueWelcome(userName: string) {
  return api.inject({
    method: 'POST',
    url: '/api/jobs/email.send',
    headers: { authorization: `Bearer ${TOKEN}` },
    payload: {
      payload: {
        schemaVersion: 1,
        category: 'transactional',
        template: 'welcome',
        locale: 'pt-BR',
        to: { email: 'ana.goncalves@example.test', name: userName },
        variables: {
          agencyName: 'Imobiliária Horizonte',
          userName,
          loginUrl: 'https://app.example.test/entrar',
        },
      },
    },
  });
}

async function outboxCount(): Promise<number> {
  return (await readdir(outbox)).filter((name) => name.endsWith('.eml')).length;
}

beforeAll(async () => {
  redis = await startRedisProcess();
  outbox = await mkdtemp(join(tmpdir(), 'imobibase-outbox-'));
  const env = {
    REDIS_URL: redis.url,
    DATABASE_URL: testDatabaseUrl(),
    EMAIL_OUTBOX_DIR: outbox,
    STORAGE_DIR: outbox,
    API_SERVICE_TOKENS: `main-app=${TOKEN}`,
    API_ENQUEUE_TIMEOUT_MS: '500',
  };
  worker = await startWorker(loadWorkerConfig(env), createLogger('silent'));
  api = buildApp({ config: { ...loadApiConfig(env), logLevel: 'silent' } });
  await api.ready();
});

afterAll(async () => {
  await api?.close();
  await worker?.stop();
  await redis?.remove();
  await rm(outbox, { recursive: true, force: true });
});

describe('when Redis goes away and comes back', () => {
  it('processes jobs before the outage', async () => {
    expect((await enqueueWelcome('Ana Gonçalves')).statusCode).toBe(202);

    await waitFor(async () => (await outboxCount()) === 1, { what: 'the first email' });
  });

  it('answers 503 with a stable code while Redis is down, storing nothing', async () => {
    await redis.stop();

    const response = await enqueueWelcome('Bruno Araújo');
    const ready = await api.inject({ method: 'GET', url: '/health/ready' });

    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('API_ERR_QUEUE_UNAVAILABLE');
    expect(ready.statusCode).toBe(503);
  });

  it('recovers without a restart of the API or the worker', async () => {
    await redis.start();

    await waitFor(
      async () => (await api.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200,
      { what: 'the API to be ready again' },
    );
    expect((await enqueueWelcome('Carla Conceição')).statusCode).toBe(202);

    await waitFor(async () => (await outboxCount()) === 2, { what: 'the email after the outage' });
  });
});
