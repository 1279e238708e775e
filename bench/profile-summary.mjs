// Summarises a V8 CPU profile (from `--cpu-prof`, e.g. month-end-batch.mjs --cpu-prof DIR):
// where the sampled time went, by activity of the invoice pipeline and by package.
//
//   node bench/profile-summary.mjs <file.cpuprofile> [--top 25]
//
// An activity is named after the first of its rules that matches any frame of a sample's stack
// (render before storage before email ...); time spent in callbacks that lost their caller
// (socket reads, timers) goes to the package of the outermost frame that is not Node's own.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printRows, say } from './lib/format.mjs';

const ACTIVITIES = [
  ['PDF render (pdfkit)', /renderInvoicePdf/],
  ['PDF put (storage)', /local-storage|s3-storage/],
  ['email outbox file write', /writeAtomically/],
  ['email compose (nodemailer)', /nodemailer/],
  ['email template', /renderEmail/],
  ['logging (pino)', /pino|sonic-boom|@pinojs/],
];
const VM_STATES = new Set(['(garbage collector)', '(idle)', '(program)']);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) {
    parentOf.set(child, node.id);
  }
}

/** `pdfkit`, `@aws-sdk/client-s3`, `apps/worker/dist/email`, or null for Node's own code. */
function packageOf(url) {
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) {
    return module[1];
  }
  const own = /\/(apps|packages|bench)\/(.+)$/.exec(url);
  return own ? `${own[1]}/${own[2].split('/').slice(0, 3).join('/')}` : null;
}

function stackOf(id) {
  const stack = [];
  for (let at = id; at !== undefined; at = parentOf.get(at)) {
    stack.push(byId.get(at).callFrame);
  }
  return stack;
}

function activityOf(stack) {
  if (VM_STATES.has(stack[0].functionName)) {
    return stack[0].functionName;
  }
  const frames = stack.map((frame) => `${frame.functionName} ${frame.url}`);
  const rule = ACTIVITIES.find(([, pattern]) => frames.some((frame) => pattern.test(frame)));
  if (rule) {
    return rule[0];
  }
  const outer = stack.findLast((frame) => packageOf(frame.url));
  return outer ? packageOf(outer.url) : 'node internals';
}

const byActivity = new Map();
const byPackage = new Map();
let totalUs = 0;
profile.samples.forEach((id, index) => {
  const us = profile.timeDeltas[index] ?? 0;
  const stack = stackOf(id);
  totalUs += us;
  const activity = activityOf(stack);
  byActivity.set(activity, (byActivity.get(activity) ?? 0) + us);
  const own =
    packageOf(stack[0].url) ??
    (VM_STATES.has(stack[0].functionName) ? stack[0].functionName : 'node internals');
  byPackage.set(own, (byPackage.get(own) ?? 0) + us);
});

const rows = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(values.top))
    .map(([name, us]) => [
      name,
      `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%`,
    ]);

say(`${positionals[0]}: ${(totalUs / 1e6).toFixed(1)} s sampled`);
say('by activity (inclusive of what it calls)');
printRows(rows(byActivity));
say('by package (self time)');
printRows(rows(byPackage));
