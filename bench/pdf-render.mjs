// Invoice PDF rendering on one core, and how long a large invoice holds the event loop.
//
//   npm run build && node bench/pdf-render.mjs [--seconds 10] [--rows 2000] [--runs 3]
//
// 1. Renders a typical 3-line invoice in a loop for `seconds` after a warm-up: invoices per
//    second of wall time and per CPU-second of this process (other load on the machine moves
//    the first, much less the second).
// 2. Renders a `rows`-line invoice `runs` times with the renderer's yielding (a turn of the
//    event loop every 50 rows, the default) and `runs` times without it (the baseline), while
//    monitorEventLoopDelay samples every 1 ms. The longest delay is set beside BullMQ's lock
//    renewal interval (lockDuration / 2 = 15 s with the worker's default 30 s lockDuration): a
//    job whose lock is not renewed in time is taken for stalled and run again elsewhere.
// Options: --json FILE. The data is invented.

import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { renderInvoicePdf } from '../apps/worker/dist/invoice-pdf/render-invoice.js';
import {
  invoiceWithRows as longInvoice,
  SAMPLE_INVOICE,
} from '../apps/worker/dist/invoice-pdf/sample-invoice.js';
import { describeEnvironment, printEnvironment } from './lib/environment.mjs';
import { median, printRows, say, verdict, whole } from './lib/format.mjs';
import { renderRate } from './lib/render-loop.mjs';

/** BullMQ Worker defaults: lockDuration 30,000 ms, renewed every lockDuration / 2. */
const LOCK_RENEWAL_INTERVAL_MS = 30_000 / 2;
const NO_YIELD = Number.MAX_SAFE_INTEGER;

function readOptions() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      rows: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '3' },
      json: { type: 'string' },
    },
  });
  return {
    seconds: Number(values.seconds),
    rows: Number(values.rows),
    runs: Number(values.runs),
    json: values.json,
  };
}

/** Renders `invoice` once under a 1 ms event-loop delay monitor. */
async function renderWatched(invoice, yieldEveryRows) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // The monitor's timer is armed on the loop's next turn; a stall before that goes unseen.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const startedAt = performance.now();
  const pdf = await renderInvoicePdf(invoice, { yieldEveryRows });
  const renderMs = performance.now() - startedAt;
  // The monitor's timer records a stall only when it finally runs: give it that turn.
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();

  const pages = pdf.toString('latin1').match(/\/Type \/Page(?![a-z])/g)?.length ?? 0;
  return { renderMs, pages, bytes: pdf.length, maxDelayMs: delay.max / 1e6 };
}

async function longRuns({ rows, runs }) {
  const invoice = longInvoice(rows);
  await renderInvoicePdf(invoice);

  const sides = { yielding: [], 'not yielding': [] };
  for (let run = 0; run < runs; run++) {
    sides.yielding.push(await renderWatched(invoice, undefined));
    sides['not yielding'].push(await renderWatched(invoice, NO_YIELD));
  }
  return sides;
}

async function main() {
  const options = readOptions();
  printEnvironment(await describeEnvironment());

  const typical = await renderRate({ invoice: SAMPLE_INVOICE, seconds: options.seconds });
  const long = await longRuns(options);

  say(`3-line invoice, one process, ${options.seconds} s`);
  printRows([
    ['rendered', `${whole(typical.count)} (${whole(typical.bytes)} bytes each)`],
    ['rate (wall)', `${whole(typical.perSecondWall)} invoices/s`],
    [
      'rate (CPU)',
      `${whole(typical.perCpuSecond)} per CPU-second, ` +
        `${(typical.cpuMs / typical.count).toFixed(2)} CPU ms each`,
    ],
  ]);

  const first = long.yielding[0];
  say();
  say(
    `${whole(options.rows)}-line invoice (${first.pages} pages, ${whole(first.bytes)} bytes), ` +
      `median of ${options.runs}, BullMQ lock renewal every ${whole(LOCK_RENEWAL_INTERVAL_MS)} ms`,
  );
  const rows = Object.entries(long).map(([side, results]) => {
    const renderMs = median(results.map((result) => result.renderMs));
    const maxDelayMs = Math.max(...results.map((result) => result.maxDelayMs));
    const share = ((maxDelayMs / LOCK_RENEWAL_INTERVAL_MS) * 100).toFixed(2);
    return [
      side === 'yielding' ? 'yielding every 50 rows (default)' : 'baseline: not yielding',
      `render ${whole(renderMs)} ms, max event-loop delay ${maxDelayMs.toFixed(1)} ms ` +
        `(${share}% of the renewal interval)   ` +
        verdict(maxDelayMs, { atMost: LOCK_RENEWAL_INTERVAL_MS, shown: '15,000 ms' }),
    ];
  });
  printRows(rows);

  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ options, typical, long }, null, 2)}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`pdf-render: ${error.stack}\n`);
  process.exit(1);
});
