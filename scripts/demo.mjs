// `npm run demo`: the month-end invoice run, end to end, on a fresh clone.
//
// Installs and builds when needed, starts private Redis and PostgreSQL (or uses REDIS_URL /
// DATABASE_URL), migrates, seeds a demo agency, starts the API and the worker as separate
// processes, asks the API for the month-end batch, shows its progress and prints a summary.
// It then keeps running until Ctrl-C; with `--once` it exits after the summary, non-zero when
// any job failed.
//
// Options: --once, --leases N (default 25), --period YYYY-MM (default: this month in São Paulo).
// Environment: REDIS_URL, DATABASE_URL (use these instead of private instances),
// REDIS_KEY_PREFIX (imobibase), DEMO_API_PORT
// (3100), DEMO_DATA_DIR (var/demo: PDFs, outbox, logs), DEMO_TIMEOUT_MS (600000).

import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { startNodeProcess, waitForHealthy } from './lib/child-processes.mjs';
import { runCaptured, ScriptError } from './lib/process.mjs';
import { REPO_ROOT, startPrivateServices } from './lib/services.mjs';
import { ensureBuilt, ensureDependencies } from './lib/setup.mjs';

const DEMO_DIR = process.env.DEMO_DATA_DIR ?? join(REPO_ROOT, 'var', 'demo');
const STORAGE_DIR = join(DEMO_DIR, 'storage');
const OUTBOX_DIR = join(DEMO_DIR, 'outbox');
const LOG_DIR = join(DEMO_DIR, 'logs');
const API_PORT = Number(process.env.DEMO_API_PORT ?? 3100);
const RUN_TIMEOUT_MS = Number(process.env.DEMO_TIMEOUT_MS ?? 10 * 60_000);
const KEY_PREFIX = process.env.REDIS_KEY_PREFIX ?? 'imobibase';

const say = (line) => process.stdout.write(`${line}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      once: { type: 'boolean', default: false },
      leases: { type: 'string', default: '25' },
      period: { type: 'string' },
    },
  });
  const leases = Number(values.leases);
  if (!Number.isInteger(leases) || leases < 1 || leases > 100_000) {
    throw new ScriptError('DEMO_ERR_OPTION', '--leases must be an integer from 1 to 100000');
  }
  const period = values.period ?? currentPeriod('America/Sao_Paulo');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    throw new ScriptError('DEMO_ERR_OPTION', '--period must be YYYY-MM');
  }
  return { once: values.once, leases, period };
}

// A password in REDIS_URL or DATABASE_URL stays off the screen.
function withoutPassword(url) {
  return url.replace(/:[^:@/]*@/, ':***@');
}

function currentPeriod(timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}`;
}

async function runCli(entry, args, env) {
  const result = runCaptured(process.execPath, [join(REPO_ROOT, entry), ...args], {
    env: { ...process.env, ...env },
    cwd: REPO_ROOT,
  });
  if (result.status !== 0) {
    throw new ScriptError('DEMO_ERR_STEP_FAILED', `${entry} failed:\n${result.stderr}`);
  }
  return result.stdout;
}

async function prepareDatabase({ databaseUrl, leases }) {
  say('demo: migrating the database');
  await runCli('apps/worker/dist/cli/migrate.js', [], {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
  });

  say(`demo: seeding the demo agency with ${leases} leases`);
  const output = await runCli('apps/worker/dist/cli/seed.js', ['--leases', String(leases)], {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
  });
  const lastLine = output.trim().split('\n').at(-1) ?? '';
  const seeded = JSON.parse(lastLine);
  say(`demo: the demo agency has ${seeded.leaseCount} active leases`);
  return seeded;
}

function startApps({ redisUrl, databaseUrl, token }) {
  const shared = {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: KEY_PREFIX,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
  };
  const api = startNodeProcess({
    name: 'api',
    entry: 'apps/api/dist/main.js',
    env: { ...shared, API_PORT: String(API_PORT), API_SERVICE_TOKENS: `demo=${token}` },
    logDir: LOG_DIR,
  });
  const worker = startNodeProcess({
    name: 'worker',
    entry: 'apps/worker/dist/main.js',
    env: {
      ...shared,
      STORAGE_DRIVER: 'local',
      STORAGE_DIR,
      EMAIL_OUTBOX_DIR: OUTBOX_DIR,
      // Within the 25 s the demo waits before it kills a child that has not stopped.
      WORKER_SHUTDOWN_GRACE_MS: '10000',
    },
    logDir: LOG_DIR,
  });
  return { api, worker };
}

// The key holds the lease count, so a demo re-run with more leases gets a run of its own that
// invoices the new leases, while a plain re-run shows the API answering with the first run.
async function requestMonthEnd({ token, agencyId, leaseCount, period }) {
  const response = await fetch(`http://127.0.0.1:${API_PORT}/api/jobs/invoice.month-end`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      payload: { schemaVersion: 1, agencyId, period },
      options: { idempotencyKey: `month-end-${agencyId}-${period}-${leaseCount}-leases` },
    }),
  });
  const body = await response.json();
  if (response.status !== 202 && response.status !== 200) {
    throw new ScriptError('DEMO_ERR_ENQUEUE', `the API answered ${response.status} ${body.code}`);
  }
  return { status: response.status, job: body };
}

async function batchState({ token, jobId }) {
  const url = `http://127.0.0.1:${API_PORT}/api/jobs/invoice.month-end/${jobId}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return response.json();
}

// Done when the batch job has completed and every invoice of the period has been emailed, or
// as soon as any job has failed for good.
async function followRun({ watch, token, jobId, agencyId, period, failedBefore }) {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let lastLine = '';

  while (Date.now() < deadline) {
    const counts = await watch.invoiceCounts({ agencyId, period });
    const failed = (await watch.failedCount()) - failedBefore;
    const line =
      `demo: invoices ${counts.total}, PDFs ${counts.issued + counts.sent}, ` +
      `emailed ${counts.sent}, failed jobs ${failed}`;
    if (line !== lastLine) {
      say(line);
      lastLine = line;
    }

    const batch = await batchState({ token, jobId });
    if (failed > 0 || batch.state === 'failed') {
      return { counts, failed: Math.max(failed, 1), batch };
    }
    // Failed jobs are kept 7 days, so a batch job that is gone has completed and then been
    // trimmed: a queue keeps at most 1,000 completed jobs, and its children count too.
    const batchDone = batch.state === 'completed' || batch.code === 'API_ERR_JOB_NOT_FOUND';
    if (batchDone && counts.sent === counts.total) {
      return { counts, failed, batch };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new ScriptError('DEMO_ERR_TIMEOUT', `the run did not finish in ${RUN_TIMEOUT_MS} ms`);
}

function countFiles(dir, suffix) {
  try {
    return readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith(suffix))
      .length;
  } catch {
    return 0;
  }
}

function printSummary({ agencyName, period, counts, failed, durationMs, created, apps }) {
  const rel = (path) => relative(process.cwd(), path) || '.';
  say('');
  say(`Month-end invoice run: ${agencyName}, period ${period}`);
  const origin =
    created === undefined ? 'the run had been requested before' : `${created} created by this run`;
  say(`  invoices            ${counts.total} (${origin})`);
  say(`  PDFs stored         ${counts.issued + counts.sent}  in ${rel(STORAGE_DIR)}/`);
  const emlFiles = countFiles(OUTBOX_DIR, '.eml');
  say(`  emails sent         ${counts.sent}  (${emlFiles} .eml files in ${rel(OUTBOX_DIR)}/)`);
  say(`  failed jobs         ${failed}`);
  say(`  duration            ${(durationMs / 1000).toFixed(1)} s (API call to last email)`);
  say(`  logs                ${rel(apps.api.logFile)}, ${rel(apps.worker.logFile)}`);
  say('');
}

async function main() {
  const options = parseOptions();
  await ensureDependencies();
  await ensureBuilt();

  const services = await startPrivateServices({ name: 'demo' });
  const redisShown = withoutPassword(services.redisUrl);
  say(`demo: Redis ${redisShown}, PostgreSQL ${withoutPassword(services.databaseUrl)}`);
  const seeded = await prepareDatabase({
    databaseUrl: services.databaseUrl,
    leases: options.leases,
  });

  const token = randomBytes(24).toString('hex');
  const apps = startApps({ ...services, token });
  const { openRunWatch } = await import('./lib/invoice-run-watch.mjs');
  const watch = await openRunWatch({ ...services, prefix: KEY_PREFIX });

  const shutdown = async () => {
    await Promise.all([apps.api.stop(), apps.worker.stop()]);
    await watch.close().catch(() => {});
    await services.stop({ onlyStarted: true }).catch(() => {});
  };

  // Ctrl-C at any point stops the API, the worker and the services this run started.
  let exitCode = 130;
  let stopping = false;
  const onSignal = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    say('\ndemo: stopping');
    void shutdown().then(() => process.exit(exitCode));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    exitCode = await runMonthEnd({ apps, watch, token, seeded, period: options.period });
  } catch (error) {
    await shutdown();
    throw error;
  }

  if (options.once) {
    await shutdown();
    process.exit(exitCode);
  }
  say('demo: still running (API and worker); press Ctrl-C to stop');
}

async function runMonthEnd({ apps, watch, token, seeded, period }) {
  await waitForHealthy({
    url: `http://127.0.0.1:${API_PORT}/health/ready`,
    processHandle: apps.api,
  });
  say(`demo: API on http://127.0.0.1:${API_PORT}, worker started`);

  const failedBefore = await watch.failedCount();
  const startedAt = Date.now();
  const { status, job } = await requestMonthEnd({ token, ...seeded, period });
  say(`demo: month-end job ${job.id} ${status === 202 ? 'enqueued' : 'already existed'}`);

  const { counts, failed, batch } = await followRun({
    watch,
    token,
    jobId: job.id,
    agencyId: seeded.agencyId,
    period,
    failedBefore,
  });
  printSummary({
    agencyName: await watch.agencyName(seeded.agencyId),
    period,
    counts,
    failed,
    durationMs: Date.now() - startedAt,
    created: status === 202 ? (batch.returnvalue?.created ?? 0) : undefined,
    apps,
  });
  return failed > 0 ? 1 : 0;
}

main().catch((error) => {
  const message = error instanceof ScriptError ? `${error.code}: ${error.message}` : error.stack;
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
});
