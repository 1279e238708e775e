import { describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('settles like the work when it is in time', async () => {
    await expect(withTimeout(Promise.resolve('done'), 1000)).resolves.toBe('done');
    await expect(withTimeout(Promise.reject(new Error('failed')), 1000)).rejects.toThrow('failed');
  });

  it('rejects with a TimeoutError when the work never settles', async () => {
    const error = await withTimeout(new Promise(() => {}), 20).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('swallows a rejection that arrives after the timeout', async () => {
    let rejectLate: (err: Error) => void = () => {};
    const late = new Promise((_, reject) => {
      rejectLate = reject;
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);

    await expect(withTimeout(late, 10)).rejects.toBeInstanceOf(TimeoutError);
    rejectLate(new Error('too late'));
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onUnhandled);

    expect(unhandled).toEqual([]);
  });
});
