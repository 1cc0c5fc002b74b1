/**
 * Calls `connect` until it succeeds or `forMs` has passed, waiting longer between tries (up to 5 s): a worker started
 * beside Temporal, or while its frontend restarts, waits for it instead of exiting. The last error after that.
 */
export async function connectRetrying<T>(
  connect: () => Promise<T>,
  options: { forMs: number; onRetry: (err: unknown, waitMs: number) => void; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  const { forMs, onRetry, sleep = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } = options;
  const deadline = Date.now() + forMs;
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5_000)) {
    try {
      return await connect();
    } catch (err) {
      if (Date.now() + waitMs > deadline) throw err;
      onRetry(err, waitMs);
      await sleep(waitMs);
    }
  }
}
