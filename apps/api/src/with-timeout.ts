/** Bounds how long a request waits on Redis. */

/** The awaited work did not settle within its time budget. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'API_TIMEOUT';

  constructor(timeoutMs: number) {
    super(`operation timed out after ${timeoutMs} ms`);
  }
}

/**
 * Settles like `work`, or rejects with {@link TimeoutError} after `timeoutMs`. The work is not
 * cancelled (Redis offers no way to take back a command already sent), so a late rejection is
 * swallowed here rather than surfacing as an unhandled rejection.
 */
export async function withTimeout<Value>(work: Promise<Value>, timeoutMs: number): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(timeoutMs)), timeoutMs);
  });
  work.catch(() => {});

  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
