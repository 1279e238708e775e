// The month-end invoice batch, end to end, beside PDFKit alone rendering the same invoice.
//
//   npm run build && node bench/month-end-batch.mjs [--leases 5000] [--replicas 1] [--runs 3]
//
// Each run seeds a fresh database with N leases, starts the API and the worker replicas as
// separate processes (as `npm run demo` does), POSTs /api/jobs/invoice.month-end and stops the
// clock when every invoice is emailed (its .eml in the outbox). It prints invoices per second,
// the workers' peak RSS (VmHWM) and where the CPU went. Then, in this process, the worker's
// renderInvoicePdf renders one invoice of the run in a loop: the baseline.
//
// Options: --leases N (5000), --replicas W (1), --runs R (3, the median is reported),
// --period YYYY-MM (2026-11), --baseline-seconds S (10), --cpu-prof DIR (profile the workers
// into DIR), --keep-files (keep the run's PDFs, outbox and logs under the OS temp folder),
// --json FILE (write every figure as JSON). Extra worker settings pass through the environment
// (WORKER_CONCURRENCY_INVOICE, DATABASE_POOL_MAX, ...). Redis and PostgreSQL are the private
// `bench` instances (REDIS_URL / DATABASE_URL on this machine replace them).

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBenchServices } from './lib/bench-services.mjs';
import { describeEnvironment, printEnvironment } from './lib/environment.mjs';
import { median, mib, percent, printRows, say, verdict, whole } from './lib/format.mjs';
import { runMonthEnd } from './lib/month-end-run.mjs';
import { renderRate } from './lib/render-loop.mjs';

const TARGET_INVOICES_PER_SECOND = 250;
const TARGET_PEAK_RSS_BYTES = 300 * 1024 * 1024;
const WORKER_SETTINGS = /^(WORKER_CONCURRENCY_|DATABASE_POOL_MAX$)/;

function readOptions() {
  const { values } = parseArgs({
    options: {
      leases: { type: 'string', default: '5000' },
      replicas: { type: 'string', default: '1' },
      runs: { type: 'string', default: '3' },
      period: { type: 'string', default: '2026-11' },
      'baseline-seconds': { type: 'string', default: '10' },
      'cpu-prof': { type: 'string' },
      'keep-files': { type: 'boolean', default: false },
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
    json: values.json,
  };
}

// Worker settings given to this script's environment, shown with the figures they produced.
function workerEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => WORKER_SETTINGS.test(key)),
  );
}

function printRun(index, result) {
  const rate = (result.invoices * 1000) / result.elapsedMs;
  const peak = Math.max(...result.workers.map((worker) => worker.peakRssBytes));
  say(
    `run ${index + 1}: ${whole(result.invoices)} invoices in ${(result.elapsedMs / 1000).toFixed(1)} s` +
      ` = ${whole(rate)} invoices/s; worker peak RSS ${mib(peak)}; ` +
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
      const result = await runMonthEnd({ ...options, services, workerEnv: workerEnv() });
      printRun(index, result);
      results.push(result);
    }
  } finally {
    await services.release();
  }

  say(`baseline: renderInvoicePdf alone in this process, ${options.baselineSeconds} s`);
  const baseline = await renderRate({
    invoice: results.at(-1).pdfInput,
    seconds: options.baselineSeconds,
  });
  report({ options, results, baseline });
}

function report({ options, results, baseline }) {
  const rates = results.map((result) => (result.invoices * 1000) / result.elapsedMs);
  const rate = median(rates);
  const peaks = results.map((r) => Math.max(...r.workers.map((worker) => worker.peakRssBytes)));
  const typical = results[rates.indexOf(rates.find((value) => value === rate) ?? rates[0])];

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
      `${whole(baseline.perSecondWall)} invoices/s (${whole(baseline.perCpuSecond)} per CPU-second, ` +
        `${(baseline.cpuMs / baseline.count).toFixed(2)} ms each)`,
    ],
    ['ratio batch / baseline', (rate / baseline.perSecondWall).toFixed(2)],
    [
      'worker peak RSS (VmHWM), largest replica',
      `${mib(Math.max(...peaks))}   ${verdict(Math.max(...peaks), { atMost: TARGET_PEAK_RSS_BYTES, shown: '300 MiB' })}`,
    ],
    ['CPU per invoice, one run', ''],
    ...cpuRows(typical),
    ...countRows(typical),
  ]);

  if (options.json) {
    const slim = results.map(({ pdfInput, ...rest }) => rest);
    writeFileSync(
      options.json,
      `${JSON.stringify({ options, results: slim, baseline }, null, 2)}\n`,
    );
    say(`figures written to ${options.json}`);
  }
}

main().catch((error) => {
  process.stderr.write(`month-end-batch: ${error.stack}\n`);
  process.exit(1);
});
