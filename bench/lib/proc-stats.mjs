// Readings from Linux's /proc: a process's resident memory (now and its high-water mark), the
// CPU time of a process or of a process and its children, and the whole machine's CPU time.
// They let a benchmark say where CPU went (worker, API, Redis, PostgreSQL) without a profiler.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = clockTicks();

function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

const ticksToMs = (ticks) => (ticks * 1000) / CLOCK_TICKS_PER_SECOND;

/** `{ rssBytes, hwmBytes }` of a live process: VmRSS and VmHWM (peak RSS) of /proc/pid/status. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssBytes: kib('VmRSS') * 1024, hwmBytes: kib('VmHWM') * 1024 };
}

// Fields of /proc/pid/stat after the command name (which may hold spaces, so split after ')').
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User and system (kernel, for its system calls) CPU time of one process, in ms. */
export function cpuTimesOf(pid) {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of stat; fields[0] here is field 3 (state).
  return { userMs: ticksToMs(Number(fields[11])), systemMs: ticksToMs(Number(fields[12])) };
}

/** User + system CPU time of one process, in ms. */
export function cpuMsOf(pid) {
  const { userMs, systemMs } = cpuTimesOf(pid);
  return userMs + systemMs;
}

/**
 * CPU time of a server and every process it forked (PostgreSQL backends), in ms: its own time,
 * the time of its children still running, and of those it has reaped (cutime, cstime).
 */
export function treeCpuMsOf(rootPid) {
  const root = statFields(rootPid);
  let totalTicks = Number(root[11]) + Number(root[12]) + Number(root[13]) + Number(root[14]);

  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === rootPid) {
      continue;
    }
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) === rootPid) {
        totalTicks += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticksToMs(totalTicks);
}

/** Busy and total CPU time of the whole machine since boot, in ms summed over all cores. */
export function machineCpuMs() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the 4th and 5th counters.
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busyMs: ticksToMs(total - idle), totalMs: ticksToMs(total) };
}

/**
 * Samples a process's RSS every `intervalMs` until stopped; `stop()` returns the largest
 * sample in bytes. VmHWM is the exact peak; the samples back it up and show the shape.
 */
export function sampleRss(pid, intervalMs = 100) {
  let maxBytes = 0;
  const take = () => {
    try {
      maxBytes = Math.max(maxBytes, memoryOf(pid).rssBytes);
    } catch {
      // The process has exited; keep what was seen.
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();

  return {
    stop() {
      clearInterval(timer);
      take();
      return maxBytes;
    },
  };
}

/**
 * Waits until the whole machine was under `maxBusyShare` busy for one `windowMs` window, or
 * `timeoutMs` passed. Resolves { quiet, busyShare, waitedMs }. On a machine shared with other
 * work this keeps a run from starting in the middle of someone else's burst.
 */
export async function waitForQuietMachine({
  maxBusyShare = 0.25,
  windowMs = 2_000,
  timeoutMs = 90_000,
} = {}) {
  const startedAt = Date.now();
  let busyShare = 1;
  while (Date.now() - startedAt < timeoutMs) {
    const before = machineCpuMs();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = machineCpuMs();
    busyShare = (after.busyMs - before.busyMs) / (after.totalMs - before.totalMs || 1);
    if (busyShare <= maxBusyShare) {
      return { quiet: true, busyShare, waitedMs: Date.now() - startedAt };
    }
  }
  return { quiet: false, busyShare, waitedMs: Date.now() - startedAt };
}
