// Polls a condition until it holds, for state that no event announces (rows in PostgreSQL).

export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  {
    what,
    timeoutMs = 20_000,
    intervalMs = 50,
  }: { what: string; timeoutMs?: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
