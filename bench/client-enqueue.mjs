// The typed producer (JobsClient.enqueue) beside raw BullMQ Queue.add, in one process, against
// the same Redis, with the same job options (the contract's defaults for the job).
//
//   npm run build && node bench/client-enqueue.mjs [--sequential 5000] [--concurrent 60000]
//
// Three patterns, each measured in rounds of raw and client, the order flipping every round:
//   sequential   N enqueues one after another (latency-bound: round trips count)
//   concurrent   M enqueues with 100 in flight at a time (throughput-bound: CPU counts)
//   idempotent   like sequential, each with its own job id (the client first asks Redis which
//                ids exist, to report `created`; raw Queue.add does not) - informational
// The job is `invoice.generate` with a fixed invoice id. Target: the client at >= 95% of raw.
// Options: --rounds R (5), --in-flight K (100), --json FILE.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JobsClient, jobDefaults } from '../packages/jobs-contract/dist/index.js';
import { alternate } from './lib/alternate.mjs';
import { deleteKeysWithPrefix, openBenchServices, runTag } from './lib/bench-services.mjs';
import { describeEnvironment, printEnvironment } from './lib/environment.mjs';
import { median, percent, printRows, say, verdict, whole } from './lib/format.mjs';
import { waitForQuietMachine } from './lib/proc-stats.mjs';

const TARGET_RATIO = 0.95;
const JOB = 'invoice.generate';
const PAYLOAD = { schemaVersion: 1, invoiceId: '3f0c6a52-8d1e-4b7a-9c2f-5e4d3c2b1a09' };

function readOptions() {
  const { values } = parseArgs({
    options: {
      sequential: { type: 'string', default: '5000' },
      concurrent: { type: 'string', default: '60000' },
      'in-flight': { type: 'string', default: '100' },
      rounds: { type: 'string', default: '5' },
      json: { type: 'string' },
    },
  });
  return {
    sequential: Number(values.sequential),
    concurrent: Number(values.concurrent),
    inFlight: Number(values['in-flight']),
    rounds: Number(values.rounds),
    json: values.json,
  };
}

/**
 * Runs `count` calls of `enqueue(i)` with at most `inFlight` pending. Resolves calls/s, and
 * pushes this process's CPU time per call (us) onto `cpuUs`: the producer's own cost, which
 * Redis's share of the machine does not blur.
 */
async function rate({ count, inFlight, enqueue, cpuUs }) {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      await enqueue(index);
    }
  };
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  cpuUs?.push((cpu.user + cpu.system) / count);
  return (count * 1000) / elapsedMs;
}

function producers(redisUrl, prefix) {
  // Two connections alike, one per producer, so neither waits behind the other's replies.
  const rawConnection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const clientConnection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue('invoice', { connection: rawConnection, prefix });
  const client = new JobsClient({ connection: clientConnection, prefix });
  const options = jobDefaults(JOB);

  return {
    raw: (jobId) => queue.add(JOB, PAYLOAD, jobId === undefined ? options : { ...options, jobId }),
    client: (jobId) => client.enqueue(JOB, PAYLOAD, jobId === undefined ? {} : { jobId }),
    close: async () => {
      await Promise.all([queue.close(), client.close()]);
      rawConnection.disconnect();
      clientConnection.disconnect();
    },
  };
}

async function main() {
  const options = readOptions();
  const services = await openBenchServices();
  const prefix = `bench-${runTag()}`;
  const admin = new Redis(services.redisUrl);
  const made = producers(services.redisUrl, prefix);
  const results = {};

  // Each measurement starts on an empty queue, so neither side pays for the other's jobs.
  const measured = (work) => async () => {
    const value = await work();
    await deleteKeysWithPrefix(admin, prefix);
    return value;
  };
  const patterns = {
    sequential: (enqueue, cpuUs) =>
      rate({ count: options.sequential, inFlight: 1, enqueue, cpuUs }),
    concurrent: (enqueue, cpuUs) =>
      rate({ count: options.concurrent, inFlight: options.inFlight, enqueue, cpuUs }),
    idempotent: (enqueue, cpuUs) =>
      rate({ count: options.sequential, inFlight: 1, enqueue, cpuUs }),
  };

  try {
    printEnvironment(await describeEnvironment(services));
    const { quiet, busyShare } = await waitForQuietMachine();
    if (!quiet) {
      say(`(the machine stayed ${percent(busyShare)} busy; measuring anyway)`);
    }
    for (const side of ['raw', 'client']) {
      await measured(() => rate({ count: 2000, inFlight: 10, enqueue: () => made[side]() }))();
    }

    for (const [pattern, run] of Object.entries(patterns)) {
      const withId = pattern === 'idempotent';
      const call = (side) => (index) => made[side](withId ? `bench-job-${index}` : undefined);
      const cpuUs = { raw: [], client: [] };
      const result = await alternate({
        rounds: options.rounds,
        baseline: measured(() => run(call('raw'), cpuUs.raw)),
        subject: measured(() => run(call('client'), cpuUs.client)),
        onRound: (round, raw, client) =>
          say(`${pattern} round ${round + 1}: raw ${whole(raw)}/s, client ${whole(client)}/s`),
      });
      results[pattern] = { ...result, cpuUs };
    }
  } finally {
    await deleteKeysWithPrefix(admin, prefix);
    await made.close();
    admin.disconnect();
    await services.release();
  }
  report(options, results);
}

function report(options, results) {
  const rows = Object.entries(results).map(([pattern, result]) => {
    const target =
      pattern === 'idempotent'
        ? 'informational'
        : verdict(result.ratio, { atLeast: TARGET_RATIO, shown: '95%' });
    return [
      pattern,
      `client ${whole(result.subjectMedian)}/s, raw Queue.add ${whole(result.baselineMedian)}/s;` +
        ` ratio ${percent(result.ratio)}   ${target}; CPU per call: client ` +
        `${median(result.cpuUs.client).toFixed(0)} us, raw ${median(result.cpuUs.raw).toFixed(0)} us`,
    ];
  });
  say();
  say(
    `JobsClient.enqueue vs Queue.add (${JOB}), medians of ${options.rounds} rounds (ratio: ` +
      `median of the rounds' ratios); sequential ` +
      `${whole(options.sequential)}, concurrent ${whole(options.concurrent)} with ${options.inFlight} in flight`,
  );
  printRows(rows);
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ options, results }, null, 2)}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`client-enqueue: ${error.stack}\n`);
  process.exit(1);
});
