/**
 * Node flags for the worker process, used by every launcher (npm start, npm run worker, tests, benchmarks, compose).
 * The worker's live heap stays near 100 MB through a 10,000-credential run, but uncapped V8 lets garbage (PDFs,
 * query results) grow the heap toward the machine's memory before a full collection: RSS climbed from 280 to 560 MB
 * over a run. Capped, RSS stays flat near 310 MB at the same throughput (`npm run bench`). Rendering and query results
 * allocate fast and die young: a 32 MB young generation (16 MB by default) spends less time collecting and promoting,
 * 96 -> 107 credentials/s end to end in the bench.
 */
export const workerNodeArgs = ['--max-old-space-size=256', '--max-semi-space-size=32'];
