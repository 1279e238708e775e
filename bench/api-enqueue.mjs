// Enqueueing through the API at 100 concurrent connections, beside a bare Fastify route that
// calls BullMQ's Queue.add with the same payload and job options, against the same Redis.
//
//   npm run build && node bench/api-enqueue.mjs [--seconds 10] [--connections 100]
//
// Each server runs in its own process on 127.0.0.1 (port 0); autocannon drives it from this
// process. The real API is buildApp() with service-token auth, the contract's checks and
// request logging at info (production's level) into a temporary file. The job is
// `invoice.generate` with a fixed invoice id and no idempotency key, so every request adds a
// job. Each round measures both, the order flipping every round; queues are emptied after
// each measurement.
// Target: the API at >= 90% of the bare route's requests per second.
// Options: --rounds R (3), --seconds S per round (10), --connections C (100), --json FILE,
// --log-level L (info; another level shows what request logging costs).

import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { alternate } from './lib/alternate.mjs';
import { deleteKeysWithPrefix, openBenchServices, runTag } from './lib/bench-services.mjs';
import { describeEnvironment, printEnvironment } from './lib/environment.mjs';
import { median, percent, printRows, say, verdict, whole } from './lib/format.mjs';
import { cpuMsOf, waitForQuietMachine } from './lib/proc-stats.mjs';
import { logVolume } from './lib/run-counters.mjs';

const TARGET_RATIO = 0.9;
const JOB = 'invoice.generate';
const BODY = JSON.stringify({
  payload: { schemaVersion: 1, invoiceId: '3f0c6a52-8d1e-4b7a-9c2f-5e4d3c2b1a09' },
});
const SERVER_ENTRY = new URL('./lib/enqueue-server.mjs', import.meta.url);

function readOptions() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '100' },
      'log-level': { type: 'string', default: 'info' },
      json: { type: 'string' },
    },
  });
  return {
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
    connections: Number(values.connections),
    logLevel: values['log-level'],
    json: values.json,
  };
}

/** Forks the enqueue server of `kind`; resolves { port, pid, stop() } once it listens. */
function startServer(kind, env) {
  const child = fork(SERVER_ENTRY, {
    execArgv: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
    env: { ...process.env, ...env, ENQUEUE_SERVER: kind },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('message', ({ port }) => {
      const stop = () => {
        child.kill('SIGTERM');
        return exited;
      };
      resolve({ port, pid: child.pid, stop });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** Drives `port` for `seconds`; resolves requests/s, refusing a run with any non-2xx reply. */
async function load({ port, token, seconds, connections }) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/jobs/${JOB}`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: BODY,
    connections,
    duration: seconds,
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) {
    throw new Error(`${failed} of ${result.requests.total} requests failed on port ${port}`);
  }
  return { rate: result.requests.average, total: result.requests.total, latency: result.latency };
}

async function main() {
  const options = readOptions();
  const services = await openBenchServices();
  const admin = new Redis(services.redisUrl);
  const token = randomBytes(24).toString('hex');
  const logDir = mkdtempSync(join(tmpdir(), 'imobibase-bench-api-'));
  const logFile = join(logDir, 'api.log');
  const prefixes = { api: `bench-${runTag()}`, bare: `bench-${runTag()}` };
  const servers = {};
  const totals = { api: 0, bare: 0 };

  const cpuUs = { api: [], bare: [] };
  const round = (kind) => async () => {
    const cpuBefore = cpuMsOf(servers[kind].pid);
    const { rate, total } = await load({ port: servers[kind].port, token, ...options });
    cpuUs[kind].push(((cpuMsOf(servers[kind].pid) - cpuBefore) * 1000) / total);
    totals[kind] += total;
    await deleteKeysWithPrefix(admin, prefixes[kind]);
    return rate;
  };

  let result;
  try {
    printEnvironment(await describeEnvironment(services));
    const { quiet, busyShare } = await waitForQuietMachine();
    if (!quiet) {
      say(`(the machine stayed ${percent(busyShare)} busy; measuring anyway)`);
    }
    const shared = { REDIS_URL: services.redisUrl, API_SERVICE_TOKENS: `bench=${token}` };
    servers.api = await startServer('api', {
      ...shared,
      REDIS_KEY_PREFIX: prefixes.api,
      LOG_FILE: logFile,
      API_LOG_LEVEL: options.logLevel,
    });
    servers.bare = await startServer('bare', { ...shared, REDIS_KEY_PREFIX: prefixes.bare });

    // Warm-up: JIT, connection pools, Redis script loading.
    await load({ port: servers.bare.port, token, seconds: 2, connections: options.connections });
    await load({ port: servers.api.port, token, seconds: 2, connections: options.connections });
    await deleteKeysWithPrefix(admin, prefixes.api);
    await deleteKeysWithPrefix(admin, prefixes.bare);
    totals.api = 0;
    // The server appends to the file; emptying it leaves the measured rounds' lines only.
    truncateSync(logFile, 0);

    result = await alternate({
      rounds: options.rounds,
      baseline: round('bare'),
      subject: round('api'),
      onRound: (index, bare, api) =>
        say(`round ${index + 1}: bare route ${whole(bare)} req/s, API ${whole(api)} req/s`),
    });
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await deleteKeysWithPrefix(admin, prefixes.api);
    await deleteKeysWithPrefix(admin, prefixes.bare);
    admin.disconnect();
    await services.release();
  }

  const logs = logVolume(logFile);
  rmSync(logDir, { recursive: true, force: true });
  report({ options, result, logs, requests: totals.api, cpuUs });
}

function report({ options, result, logs, requests, cpuUs }) {
  say();
  say(
    `POST /api/jobs/${JOB}, ${options.connections} connections, ${options.seconds} s rounds, ` +
      `median of ${options.rounds}`,
  );
  printRows([
    [
      `API (buildApp, auth, contract, log at ${options.logLevel})`,
      `${whole(result.subjectMedian)} req/s   ` +
        verdict(result.ratio, { atLeast: TARGET_RATIO, shown: '90% of bare' }),
    ],
    ['baseline: bare Fastify route + Queue.add', `${whole(result.baselineMedian)} req/s`],
    ['ratio API / bare (median of the rounds)', percent(result.ratio)],
    [
      'server CPU per request (median)',
      `API ${whole(median(cpuUs.api))} us, bare ${whole(median(cpuUs.bare))} us`,
    ],
    [
      'API log per request',
      `${(logs.lines / requests).toFixed(2)} lines, ${whole(logs.bytes / requests)} bytes`,
    ],
  ]);
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ options, result, cpuUs, logs }, null, 2)}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`api-enqueue: ${error.stack}\n`);
  process.exit(1);
});
