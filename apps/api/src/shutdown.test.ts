import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installShutdown } from './shutdown.js';
import { waitFor } from './test-helpers.js';

const quietLog = { info: () => {}, error: () => {} };

function harness(close: () => Promise<unknown>, graceMs = 10_000) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  let closeCalls = 0;
  installShutdown({
    app: {
      close: () => {
        closeCalls += 1;
        return close();
      },
    },
    graceMs,
    log: quietLog,
    signals,
    exit: (code) => exits.push(code),
  });
  return { signals, exits, closeCalls: () => closeCalls };
}

describe('installShutdown', () => {
  it.each(['SIGTERM', 'SIGINT'])('closes the app on %s and exits 0', async (signal) => {
    const { signals, exits, closeCalls } = harness(async () => {});

    signals.emit(signal, signal);
    await waitFor(() => exits.length > 0);

    expect(closeCalls()).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when close outlives the grace period', async () => {
    const { signals, exits } = harness(() => new Promise(() => {}), 50);

    signals.emit('SIGTERM', 'SIGTERM');
    await waitFor(() => exits.length > 0);

    expect(exits).toEqual([1]);
  });

  it('exits 1 when close fails', async () => {
    const { signals, exits } = harness(async () => {
      throw new Error('close failed');
    });

    signals.emit('SIGTERM', 'SIGTERM');
    await waitFor(() => exits.length > 0);

    expect(exits).toEqual([1]);
  });

  it('exits 1 at once on a second signal', async () => {
    const { signals, exits, closeCalls } = harness(() => new Promise(() => {}));

    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT');

    expect(exits).toEqual([1]);
    expect(closeCalls()).toBe(1);
  });
});
