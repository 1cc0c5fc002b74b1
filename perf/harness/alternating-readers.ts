/**
 * The readers' cost to a run, measured within one run: readers on for a window, off for the next, and so on, and the
 * run's render rate in the windows with readers compared with the rate in those without. Whole runs with and without
 * readers are minutes apart, and this machine's speed drifts over minutes by more than the effect (the same render loop
 * on the idle machine ran at 122 to 185 a second minutes apart); windows seconds apart share the same drift.
 */
import { sleep } from './api-client';
import { readUntil, type ReadSamples } from './readers';

export interface Window {
  from: number;
  to: number;
  readers: boolean;
}

/**
 * Readers on and off in turns of `windowMs` (starting as `startWith` says) until `done`, after `leadMs` without them
 * while the run starts. The window the run's end cuts short is dropped. Times are Date.now(), as the database's are.
 */
export async function readInTurns(options: {
  read: Omit<Parameters<typeof readUntil>[0], 'done'>;
  done: Promise<unknown>;
  windowMs: number;
  leadMs: number;
  startWith: 'readers' | 'none';
}): Promise<{ windows: Window[]; samples: ReadSamples[] }> {
  let finished = false;
  void options.done.finally(() => (finished = true));
  const windows: Window[] = [];
  const samples: ReadSamples[] = [];
  await Promise.race([sleep(options.leadMs), options.done]);
  for (let readers = options.startWith === 'readers'; !finished; readers = !readers) {
    const from = Date.now();
    const over = Promise.race([sleep(options.windowMs), options.done]);
    if (readers) samples.push(await readUntil({ ...options.read, done: over }));
    else await over;
    if (!finished) windows.push({ from, to: Date.now(), readers });
  }
  return { windows, samples };
}

export interface TurnRates {
  /** Renders a second in the windows without readers over those with them. */
  slowdown: number;
  withReaders: { renders: number; seconds: number };
  withoutReaders: { renders: number; seconds: number };
}

/**
 * Renders finished (`finishedAt`, ms) per second in each kind of window, leaving out each window's first `settleMs`:
 * renders in flight when the readers came or went ran partly under the other condition.
 */
export function turnRates(windows: Window[], finishedAt: number[], settleMs: number): TurnRates {
  const sum = (readers: boolean) => {
    let renders = 0;
    let ms = 0;
    for (const w of windows.filter((x) => x.readers === readers)) {
      const from = w.from + settleMs;
      if (w.to <= from) continue;
      renders += finishedAt.filter((at) => at >= from && at < w.to).length;
      ms += w.to - from;
    }
    return { renders, seconds: ms / 1000 };
  };
  return slowdownOf(sum(true), sum(false));
}

/** The slowdown over several runs' windows together. */
export function overallTurnRates(runs: TurnRates[]): TurnRates {
  const total = (kind: 'withReaders' | 'withoutReaders') => ({
    renders: runs.reduce((sum, run) => sum + run[kind].renders, 0),
    seconds: runs.reduce((sum, run) => sum + run[kind].seconds, 0),
  });
  return slowdownOf(total('withReaders'), total('withoutReaders'));
}

function slowdownOf(withReaders: TurnRates['withReaders'], withoutReaders: TurnRates['withoutReaders']): TurnRates {
  const rate = (x: { renders: number; seconds: number }) => (x.seconds ? x.renders / x.seconds : NaN);
  return { slowdown: rate(withoutReaders) / rate(withReaders), withReaders, withoutReaders };
}
