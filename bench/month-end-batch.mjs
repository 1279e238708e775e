// The month-end invoice batch, end to end, beside PDFKit alone rendering the same invoice.
//
//   npm run build && node bench/month-end-batch.mjs [--leases 5000] [--replicas 1] [--runs 3]
//
// Each run seeds a fresh database with N leases, starts the API and the worker replicas as
// separate processes (as `npm run demo` does), POSTs /api/jobs/invoice.month-end and stops the
// clock when every invoice is emailed (its .eml in the outbox). It records invoices per second,
// the workers' peak RSS (VmHWM) and where the CPU went. Right after each run, the baseline: the
// worker's renderInvoicePdf renders one invoice of that run in a loop in this process.
//
// Options: --leases N (5000), --replicas W (1), --runs R (3; medians are reported),
// --period YYYY-MM (2026-11), --baseline-seconds S (5), --cpu-prof DIR (profile the workers
// into DIR; see bench/profile-summary.mjs), --keep-files (keep the run's PDFs, outbox and logs
// under the OS temp folder), --no-wait (start runs without waiting for a quiet machine),
// --json FILE (every figure as JSON). Worker settings pass through the environment
// (WORKER_CONCURRENCY_INVOICE, DATABASE_POOL_MAX, NODE_OPTIONS, ...). Redis and PostgreSQL are
// the private `bench` instances (REDIS_URL / DATABASE_URL on this machine replace them).

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBenchServices } from './lib/bench-services.mjs';
import { describeEnvironment, printEnvironment } from './lib/environment.mjs';
import { median, mib, percent, printRows, say, verdict, whole } from './lib/format.mjs';
import { runMonthEnd } from './lib/month-end-run.mjs';
import { waitForQuietMachine } from './lib/proc-stats.mjs';

const TARGET_INVOICES_PER_SECOND = 250;
const TARGET_PEAK_RSS_BYTES = 300 * 1024 * 1024;
const WORKER_SETTINGS = /^(WORKER_CONCURRENCY_|DATABASE_POOL_MAX$|NODE_OPTIONS$)/;

function readOptions() {
  const { values } = parseArgs({
    options: {
      leases: { type: 'string', default: '5000' },
      replicas: { type: 'string', default: '1' },
      runs: { type: 'string', default: '3' },
      period: { type: 'string', default: '2026-11' },
      'baseline-seconds': { type: 'string', default: '5' },
      'cpu-prof': { type: 'string' },
      'keep-files': { type: 'boolean', default: false },
      'no-wait': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  return {
    leases: Number(values.leases),
    replicas: Number(values.replicas),
    runs: Number(values.runs),
    period: values.period,
    baselineSeconds: Number(values['baseline-seconds']),
    cpuProfileDir: values['cpu-prof'],
    keepFiles: values['keep-files'],
    waitForQuiet: !values['no-wait'],
    json: values.json,
  };
}

// Worker settings given to this script's environment, shown with the figures they produced.
function workerEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => WORKER_SETTINGS.test(key)),
  );
}

const rateOf = (result) => (result.invoices * 1000) / result.elapsedMs;
const peakOf = (result) => Math.max(...result.workers.map((worker) => worker.peakRssBytes));
const workerCpuMs = (result) =>
  result.workers.reduce((sum, worker) => sum + (result.cpu.processes[worker.name] ?? 0), 0);

const workerSystemMs = (result) =>
  result.workers.reduce((sum, worker) => sum + worker.systemCpuMs, 0);

// CPU the machine spent outside the run's processes (other sessions, this script), as a share
// of one core over the run: the noise behind a slow run on a shared machine.
function otherLoad(result) {
  const { processes, machineBusyMs } = result.cpu;
  const ours = Object.values(processes).reduce((sum, ms) => sum + (ms ?? 0), 0);
  return Math.max(0, machineBusyMs - ours) / result.elapsedMs;
}

function printRun(index, result) {
  say(
    `run ${index + 1}: ${whole(result.invoices)} invoices in ${(result.elapsedMs / 1000).toFixed(1)} s` +
      ` = ${whole(rateOf(result))}/s, baseline ${whole(result.baseline.perSecondWall)}/s, ` +
      `ratio ${(rateOf(result) / result.baseline.perSecondWall).toFixed(2)}; ` +
      `worker peak RSS ${mib(peakOf(result))}, CPU ${(workerCpuMs(result) / result.invoices).toFixed(2)} ms/invoice ` +
      `(${percent(workerSystemMs(result) / workerCpuMs(result))} in the kernel); ` +
      `other load ${percent(otherLoad(result))} of a core; ` +
      `${result.outbox} .eml, ${result.pdfs} PDFs, ${result.failedJobs} failed jobs`,
  );
}

// CPU ms per invoice of each process, and what the machine did meanwhile.
function cpuRows(result) {
  const perInvoice = (ms) => (ms === null ? 'n/a' : `${(ms / result.invoices).toFixed(2)} ms`);
  const { processes, machineBusyMs, machineTotalMs } = result.cpu;
  const known = Object.values(processes).reduce((sum, ms) => sum + (ms ?? 0), 0);
  return [
    ...Object.entries(processes).map(([name, ms]) => [`  ${name}`, perInvoice(ms)]),
    ['  everything else on the machine', perInvoice(machineBusyMs - known)],
    ['  machine busy', `${percent(machineBusyMs / machineTotalMs)} of all cores`],
  ];
}

function countRows(result) {
  const per = (count) => (count / result.invoices).toFixed(2);
  const calls = Object.entries(result.redisCalls).sort((a, b) => b[1] - a[1]);
  const total = calls.reduce((sum, [, count]) => sum + count, 0);
  const top = calls.slice(0, 6).map(([command, count]) => `${command} ${per(count)}`);
  const workerLog = result.logs.workers.reduce(
    (sum, log) => ({ bytes: sum.bytes + log.bytes, lines: sum.lines + log.lines }),
    { bytes: 0, lines: 0 },
  );
  return [
    ['Redis commands per invoice', `${per(total)} (${top.join(', ')})`],
    ['PostgreSQL transactions per invoice', per(result.pgCommits)],
    [
      'worker log per invoice',
      `${per(workerLog.lines)} lines, ${whole(workerLog.bytes / result.invoices)} bytes`,
    ],
  ];
}

async function main() {
  const options = readOptions();
  const services = await openBenchServices();
  const results = [];
  try {
    printEnvironment(await describeEnvironment(services));
    say(
      `month-end batch: ${whole(options.leases)} leases, ${options.replicas} worker ` +
        `replica(s), period ${options.period}, worker settings ${JSON.stringify(workerEnv())}`,
    );
    for (let index = 0; index < options.runs; index++) {
      if (options.waitForQuiet) {
        const { quiet, busyShare } = await waitForQuietMachine();
        if (!quiet) {
          say(`(the machine stayed ${percent(busyShare)} busy; running anyway)`);
        }
      }
      const result = await runMonthEnd({ ...options, services, workerEnv: workerEnv() });
      printRun(index, result);
      results.push(result);
    }
  } finally {
    await services.release();
  }
  report({ options, results });
}

function report({ options, results }) {
  const rates = results.map(rateOf);
  const baselines = results.map((result) => result.baseline.perSecondWall);
  const ratios = results.map((result, index) => rates[index] / result.baseline.perSecondWall);
  const rate = median(rates);
  const peak = Math.max(...results.map(peakOf));
  // The run whose rate is nearest the median stands for the others in the CPU breakdown.
  const typical = results.reduce((best, result) =>
    Math.abs(rateOf(result) - rate) < Math.abs(rateOf(best) - rate) ? result : best,
  );
  const baseline = median(baselines);
  const baselineCpuMs = median(results.map((r) => r.baseline.cpuMs / r.baseline.count));

  say();
  say(`month-end batch, ${whole(options.leases)} leases, ${options.replicas} worker replica(s)`);
  printRows([
    [
      `batch, API call to last email (median of ${results.length})`,
      `${whole(rate)} invoices/s   ${verdict(rate, { atLeast: TARGET_INVOICES_PER_SECOND })}`,
    ],
    ['  every run', rates.map((value) => whole(value)).join(', ')],
    [
      'baseline: PDFKit alone, one process',
      `${whole(baseline)} invoices/s (${baselineCpuMs.toFixed(2)} CPU ms each); every run ` +
        baselines.map((value) => whole(value)).join(', '),
    ],
    ['ratio batch / baseline (median)', median(ratios).toFixed(2)],
    [
      'worker peak RSS (VmHWM), largest replica',
      `${mib(peak)}   ${verdict(peak, { atMost: TARGET_PEAK_RSS_BYTES, shown: '300 MiB' })}`,
    ],
    ['CPU per invoice, median run', ''],
    ...cpuRows(typical),
    ...countRows(typical),
  ]);

  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ options, results }, null, 2)}\n`);
    say(`figures written to ${options.json}`);
  }
}

main().catch((error) => {
  process.stderr.write(`month-end-batch: ${error.stack}\n`);
  process.exit(1);
});
