/**
 * Node flags for the API and worker processes, used by every launcher (npm start, npm run api / worker, tests,
 * benchmarks, compose, the Dockerfile's comments), and for the render processes the worker starts.
 *
 * The worker's: uncapped, V8 lets garbage (PDFs, query results) grow a heap toward the machine's memory before a full
 * collection: one worker process climbed from 280 to 560 MB RSS over a bulk run with a live heap near 100 MB. Capped,
 * RSS stays flat at the same throughput (`npm run bench`). Orchestration allocates little, so its young generation is
 * kept small too (RSS at rest 215 -> 156 MB).
 */
export const workerNodeArgs = ['--max-old-space-size=160', '--max-semi-space-size=4'];

/**
 * The API's: V8's memory reducer shrinks a heap that has gone quiet, dropping compiled code with it, and the next burst
 * of requests paid for that in full collections and recompiling: after 90 s without requests, 20 clients' next 1,000
 * requests took 2.1–2.4 ms of API CPU each instead of 1.6–1.8 (`npm run bench`). Without it, a quiet API keeps the heap
 * that load grew (at most a few hundred MB).
 * One V8 helper thread instead of four: under load the API's full collections marked on all four at once, and on two
 * cores they took the API's own thread off the CPU: 80 ms in which it ran 16 (`perf sched` in `npm run bench`); that
 * was the p99's stall after a 10,000-credential run. With one, a collection keeps a core and the request thread the
 * other.
 */
export const apiNodeArgs = ['--no-memory-reducer', '--v8-pool-size=1'];

/** The flags a launcher gives each of our processes. */
export const nodeArgsFor = (name: 'api' | 'worker'): readonly string[] =>
  name === 'api' ? apiNodeArgs : workerNodeArgs;

/** A render process: rendering's garbage needs room (a 128 MB cap made it collect all the time, 120 -> 72/s). */
export const renderProcessNodeArgs = ['--max-old-space-size=256'];

/** A process's own flags with the heap flags replaced by `heapFlags` (keeping any others, --cpu-prof say). */
export function withHeapFlags(execArgv: readonly string[], heapFlags: readonly string[]): string[] {
  return [...execArgv.filter((arg) => !/^--max-(old|semi)-space-size/.test(arg)), ...heapFlags];
}
