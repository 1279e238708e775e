// One measured month-end run: a fresh database seeded with N leases, the API and W worker
// replicas as separate processes, one POST /api/jobs/invoice.month-end, and the clock stopped
// when every invoice of the period is `sent` (its .eml is in the outbox by then). Everything the
// run made (database, Redis keys, files) is removed before it resolves.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startNodeProcess, waitForHealthy } from '../../scripts/lib/child-processes.mjs';
import { REPO_ROOT } from '../../scripts/lib/services.mjs';
import { createFreshDatabase, deleteKeysWithPrefix, runTag } from './bench-services.mjs';
import { freePort } from './free-port.mjs';
import { loadPdfInput } from './invoice-input.mjs';
import { cpuTimesOf, memoryOf, sampleRss } from './proc-stats.mjs';
import { renderRate } from './render-loop.mjs';
import {
  callsDelta,
  committedTransactions,
  cpuDelta,
  logVolume,
  readCpu,
  redisCommandCalls,
} from './run-counters.mjs';

const run = promisify(execFile);
const POLL_MS = 100;
const RUN_TIMEOUT_MS = 15 * 60_000;

/**
 * Runs the batch once, then the baseline: the worker's renderInvoicePdf rendering one invoice
 * of the run in a loop in this process for `baselineSeconds`. `services` comes from
 * openBenchServices(); `workerEnv` is added to each worker's environment (concurrency, pool
 * size); `cpuProfileDir` turns on --cpu-prof for the workers. Resolves the figures and
 * counters of the run with its `baseline`.
 */
export async function runMonthEnd(options) {
  const { services, leases, period } = options;
  const tag = runTag();
  const prefix = `bench-${tag}`;
  const workDir = mkdtempSync(join(tmpdir(), 'imobibase-bench-'));
  const database = await createFreshDatabase(services.databaseUrl, tag);
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 3 });
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  const daemons = [];

  try {
    const seeded = await seed(database.url, leases);
    const context = { ...options, prefix, workDir, database, redis, pool, daemons, seeded };
    const figures = await measure(context);
    // The baseline follows the run at once, on the run's own invoice, so both see the same
    // machine: on a shared host the speed of a core drifts from one minute to the next.
    const invoice = await loadPdfInput(database.url, seeded.agencyId, period);
    const baseline = await renderRate({ invoice, seconds: options.baselineSeconds });
    return { ...figures, baseline };
  } finally {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
    await pool.end();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
    await database.drop();
    if (!options.keepFiles) {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
}

async function seed(databaseUrl, leases) {
  const { stdout } = await run(
    process.execPath,
    [join(REPO_ROOT, 'apps/worker/dist/cli/seed.js'), '--leases', String(leases)],
    { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, cwd: REPO_ROOT },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

async function measure(context) {
  const { redis, pool, database, daemons, seeded, period } = context;
  const apps = await startApps(context);
  daemons.push(apps.api, ...apps.workers);

  const servers = { redis: context.services.pids.redis, postgres: context.services.pids.postgres };
  const daemonPids = Object.fromEntries(daemons.map((daemon) => [daemon.name, daemon.pid]));
  const cpuBefore = readCpu({ daemons: daemonPids, servers });
  const redisBefore = await redisCommandCalls(redis);
  const commitsBefore = await committedTransactions(pool, database.name);
  const samplers = apps.workers.map((worker) => sampleRss(worker.pid));
  const workerTimesBefore = apps.workers.map((worker) => cpuTimesOf(worker.pid));

  const startedAt = performance.now();
  await requestMonthEnd({ ...apps, agencyId: seeded.agencyId, period });
  const polls = await waitUntilSent({ ...context, expected: seeded.leaseCount });
  const elapsedMs = performance.now() - startedAt;

  const cpuAfter = readCpu({ daemons: daemonPids, servers });
  const workers = apps.workers.map((worker, index) => ({
    name: worker.name,
    peakRssBytes: memoryOf(worker.pid).hwmBytes,
    sampledMaxRssBytes: samplers[index].stop(),
    systemCpuMs: cpuTimesOf(worker.pid).systemMs - workerTimesBefore[index].systemMs,
  }));
  const redisAfter = await redisCommandCalls(redis);
  const failedJobs = await failedCount(redis, context.prefix);
  const outbox = countFiles(join(context.workDir, 'outbox'), '.eml');
  const pdfs = countFiles(join(context.workDir, 'storage'), '.pdf');

  // PostgreSQL flushes a backend's statistics at the latest when it exits: stop the daemons
  // before reading the transaction count. The watcher's own polls are taken off.
  await Promise.all(daemons.map((daemon) => daemon.stop()));
  const commits = (await committedTransactions(pool, database.name)) - commitsBefore - polls;

  return {
    invoices: seeded.leaseCount,
    elapsedMs,
    outbox,
    pdfs,
    failedJobs,
    workers,
    cpu: cpuDelta(cpuBefore, cpuAfter),
    redisCalls: callsDelta(redisBefore, redisAfter),
    pgCommits: commits,
    logs: {
      workers: apps.workers.map((worker) => logVolume(worker.logFile)),
      api: logVolume(apps.api.logFile),
    },
  };
}

async function startApps(context) {
  const { services, prefix, workDir, database, replicas, workerEnv, cpuProfileDir } = context;
  const logDir = join(workDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const token = randomBytes(24).toString('hex');
  const port = await freePort();
  const shared = { REDIS_URL: services.redisUrl, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'info' };

  const api = startNodeProcess({
    name: 'api',
    entry: 'apps/api/dist/main.js',
    env: {
      ...shared,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      API_SERVICE_TOKENS: `bench=${token}`,
    },
    logDir,
  });
  const workers = Array.from({ length: replicas }, (_, index) =>
    startNodeProcess({
      name: `worker-${index + 1}`,
      entry: 'apps/worker/dist/main.js',
      env: {
        ...shared,
        DATABASE_URL: database.url,
        STORAGE_DRIVER: 'local',
        STORAGE_DIR: join(workDir, 'storage'),
        EMAIL_OUTBOX_DIR: join(workDir, 'outbox'),
        ...workerEnv,
      },
      logDir,
      nodeArgs: cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [],
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy({ url: `${baseUrl}/health/ready`, processHandle: api });
  await Promise.all(workers.map((worker) => waitForLogLine(worker, 'worker consuming')));
  return { api, workers, baseUrl, token };
}

async function waitForLogLine(daemon, text, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!daemon.running()) {
      throw new Error(`${daemon.name} exited during start-up; see ${daemon.logFile}`);
    }
    if (readFileSync(daemon.logFile, 'utf8').includes(text)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${daemon.name} did not log "${text}" within ${timeoutMs} ms`);
}

async function requestMonthEnd({ baseUrl, token, agencyId, period }) {
  const response = await fetch(`${baseUrl}/api/jobs/invoice.month-end`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      payload: { schemaVersion: 1, agencyId, period },
      options: { idempotencyKey: `month-end-${agencyId}-${period}` },
    }),
  });
  if (response.status !== 202) {
    throw new Error(`the API answered ${response.status}: ${await response.text()}`);
  }
}

// Resolves the number of polling queries made, so they can be left out of the DB counts.
async function waitUntilSent({ pool, redis, prefix, seeded, period, expected }) {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let polls = 0;
  while (Date.now() < deadline) {
    polls += 1;
    const { rows } = await pool.query(
      `SELECT count(*)::int AS sent FROM invoices
        WHERE agency_id = $1 AND period = $2 AND status = 'sent'`,
      [seeded.agencyId, period],
    );
    if (rows[0].sent >= expected) {
      return polls;
    }
    if (polls % 20 === 0 && (await failedCount(redis, prefix)) > 0) {
      throw new Error('a job failed; the run is not comparable (see the worker log)');
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the batch did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
}

async function failedCount(redis, prefix) {
  const counts = await Promise.all(
    ['invoice', 'email'].map((queue) => redis.zcard(`${prefix}:${queue}:failed`)),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

function countFiles(dir, suffix) {
  try {
    return readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith(suffix))
      .length;
  } catch {
    return 0;
  }
}
