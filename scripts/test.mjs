#!/usr/bin/env node
// `npm test`: install dependencies, start the private test services, typecheck (sources and
// tests), lint, run vitest. Extra arguments go to vitest (`npm test -- apps/api`). Typecheck,
// lint and tests all run even when one fails, so one run shows every problem; the exit code
// is the first failure's. Services this run started are stopped at the end, also on failure
// or Ctrl-C.

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dockerReachable } from './lib/docker.mjs';
import { runShown } from './lib/process.mjs';
import { REPO_ROOT, startPrivateServices } from './lib/services.mjs';
import { ensureDependencies } from './lib/setup.mjs';

const BIN = join(REPO_ROOT, 'node_modules', '.bin');
const RESULTS_FILE = join(REPO_ROOT, 'var', 'test', 'vitest-results.json');
const PHASE_COUNT = 6;

let currentChild;
let interruptedBy;

function header(step, title) {
  console.log(`\n=== [${step}/${PHASE_COUNT}] ${title} ===`);
}

async function prepareServices() {
  if (process.env.REDIS_URL && process.env.DATABASE_URL) {
    console.log('using REDIS_URL and DATABASE_URL from the environment');
    return { env: {}, stop: async () => {} };
  }
  if (await dockerReachable()) {
    console.log('a Docker engine answers: test/global-setup.ts will start containers');
    return { env: {}, stop: async () => {} };
  }

  const services = await startPrivateServices({ name: 'test' });
  console.log(`REDIS_URL=${services.redisUrl}`);
  console.log(`DATABASE_URL=${services.databaseUrl}`);
  return {
    env: { REDIS_URL: services.redisUrl, DATABASE_URL: services.databaseUrl },
    stop: () => services.release(),
  };
}

function runTool(tool, args, env = process.env) {
  return runShown(join(BIN, tool), args, {
    cwd: REPO_ROOT,
    env,
    onSpawn: (child) => {
      currentChild = child;
    },
  });
}

// A JSON report beside the usual one gives a plain closing count line, unless the caller
// chose reporters themselves.
function vitestArgs(extraArgs) {
  const chosesReporter = extraArgs.some((arg) => arg.startsWith('--reporter'));
  if (chosesReporter) {
    return ['run', ...extraArgs];
  }

  const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS_FILE}`];
  return ['run', ...reporters, ...extraArgs];
}

function countLine() {
  if (!existsSync(RESULTS_FILE)) {
    return undefined;
  }

  const results = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
  const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  const { numPassedTests: passed, numFailedTests: failed } = results;
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

async function checks(serviceEnv, extraArgs) {
  // A count line must never come from an earlier run.
  rmSync(RESULTS_FILE, { force: true });
  const outcomes = [];
  const steps = [
    ['typecheck (tsc -b)', () => runTool('tsc', ['-b'])],
    [
      'typecheck tests (tsc -p tsconfig.tests.json)',
      () => runTool('tsc', ['-p', 'tsconfig.tests.json']),
    ],
    ['lint (biome check .)', () => runTool('biome', ['check', '.'])],
    ['tests (vitest run)', () => runTool('vitest', vitestArgs(extraArgs), serviceEnv)],
  ];

  for (const [index, [title, run]] of steps.entries()) {
    if (interruptedBy) {
      break;
    }
    header(index + 3, title);
    outcomes.push({ title, code: await run() });
  }
  return outcomes;
}

function summarize(outcomes) {
  console.log('\n=== summary ===');
  for (const { title, code } of outcomes) {
    console.log(`${code === 0 ? 'ok  ' : 'FAIL'}  ${title}${code === 0 ? '' : ` (exit ${code})`}`);
  }

  const line = countLine();
  if (line) {
    console.log(line);
  }
  return outcomes.find(({ code }) => code !== 0)?.code ?? 0;
}

async function main(extraArgs) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      interruptedBy = signal;
      currentChild?.kill(signal);
    });
  }

  header(1, 'dependencies');
  await ensureDependencies();

  header(2, 'services');
  const services = await prepareServices();
  try {
    const outcomes = await checks({ ...process.env, ...services.env }, extraArgs);
    const code = summarize(outcomes);
    if (interruptedBy) {
      console.log(`interrupted by ${interruptedBy}`);
      return 128 + (interruptedBy === 'SIGINT' ? 2 : 15);
    }
    return code;
  } finally {
    await services.stop();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error(`\nnpm test failed: ${err.message}`);
  process.exitCode = 1;
}
