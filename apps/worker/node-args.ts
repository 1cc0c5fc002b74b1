/**
 * Node flags for the worker process, used by every launcher (npm start, npm run worker, tests, benchmarks, compose),
 * and for the render processes it starts. Uncapped, V8 lets garbage (PDFs, query results) grow a heap toward the
 * machine's memory before a full collection: one worker process climbed from 280 to 560 MB RSS over a bulk run with a
 * live heap near 100 MB. Capped, RSS stays flat at the same throughput (`npm run bench`). Orchestration allocates
 * little, so its young generation is kept small too (RSS at rest 215 -> 156 MB).
 */
export const workerNodeArgs = ['--max-old-space-size=160', '--max-semi-space-size=4'];

/** A render process: rendering's garbage needs room (a 128 MB cap made it collect all the time, 120 -> 72/s). */
export const renderProcessNodeArgs = ['--max-old-space-size=256'];

/** A process's own flags with the heap flags replaced by `heapFlags` (keeping any others, --cpu-prof say). */
export function withHeapFlags(execArgv: readonly string[], heapFlags: readonly string[]): string[] {
  return [...execArgv.filter((arg) => !/^--max-(old|semi)-space-size/.test(arg)), ...heapFlags];
}
