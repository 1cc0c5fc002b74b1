import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Gives this process, every thread of it, the nice value `nice`. On Linux a nice value belongs to a thread, and
 * `setPriority(nice)` sets the calling thread's only: the threads Node starts before our code runs (V8's, which do the
 * garbage collector's parallel and concurrent work) kept nice 0 and, in a bulk run, competed with the API as equals.
 * Threads started later, and child processes, inherit the value from the thread that starts them.
 */
export function lowerPriority(nice: number): void {
  let threads: string[] = [];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    // Not Linux: setPriority is the whole process's there.
  }
  setPriority(nice);
  for (const tid of threads) {
    try {
      setPriority(Number(tid), nice);
    } catch {
      // A thread that ended since the listing.
    }
  }
}
