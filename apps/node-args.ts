/**
 * Node flags for the API and worker processes, used by every launcher (npm start, npm run api / worker, tests,
 * benchmarks, compose, the Dockerfile's comments), and for the render processes the worker starts.
 *
 * The worker's: uncapped, V8 lets garbage (PDFs, query results) grow a heap toward the machine's memory before a full
 * collection, though the live heap stays small; capped, RSS stays flat at the same throughput. A batch's entities and
 * query results live while its renders go, so a young generation too small for them promotes them, and full
 * collections pay for it (docs/performance.md has the figures).
 */
export const workerNodeArgs = ['--max-old-space-size=160', '--max-semi-space-size=16'];

/**
 * The API's: V8's memory reducer shrinks a heap that has gone quiet, dropping compiled code with it, and the next burst
 * of requests pays for that in full collections and recompiling. Without it, a quiet API keeps the heap load grew.
 * One V8 helper thread instead of four: full collections marking on every helper at once take the request thread off
 * a small machine's cores (the p99's stall); with one, a collection keeps a core and the request thread the other.
 */
export const apiNodeArgs = ['--no-memory-reducer', '--v8-pool-size=1'];

/** The flags a launcher gives each of our processes. */
export const nodeArgsFor = (name: 'api' | 'worker'): readonly string[] =>
  name === 'api' ? apiNodeArgs : workerNodeArgs;

/** A render process: rendering's garbage needs room; a tighter cap makes it collect all the time and render slower. */
export const renderProcessNodeArgs = ['--max-old-space-size=256'];

/** A process's own flags with the heap flags replaced by `heapFlags` (keeping any others, --cpu-prof say). */
export function withHeapFlags(execArgv: readonly string[], heapFlags: readonly string[]): string[] {
  return [...execArgv.filter((arg) => !/^--max-(old|semi)-space-size/.test(arg)), ...heapFlags];
}
