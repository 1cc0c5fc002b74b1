/** How one job of a batch ended: its value, its error, or not started because the batch stopped first. */
export type JobOutcome<T> = { value: T } | { error: unknown } | { skipped: true };

/**
 * Runs a batch's render jobs in order, `ahead` at a time, each next one starting as one finishes: a render process
 * then always has the batch's next render waiting while this worker does the batch's database work. After a job
 * fails with an error `stopsTheRest` names (a render that ran out of time), or after `stop()`, no more start: the rest
 * end `skipped`. Every outcome is a value, errors included, so the caller takes them in its own order.
 */
export function runAhead<T>(
  jobs: Array<() => Promise<T>>,
  ahead: number,
  stopsTheRest: (error: unknown) => boolean,
): { outcomes: Array<Promise<JobOutcome<T>>>; stop: () => void } {
  const settle: Array<(outcome: JobOutcome<T>) => void> = [];
  const outcomes = jobs.map(() => new Promise<JobOutcome<T>>((resolve) => settle.push(resolve)));
  let next = 0;
  let running = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    while (next < jobs.length) settle[next++]!({ skipped: true });
  };
  const startMore = (): void => {
    while (!stopped && running < ahead && next < jobs.length) {
      const at = next++;
      running++;
      void jobs[at]!()
        .then(
          (value) => settle[at]!({ value }),
          (error: unknown) => {
            if (stopsTheRest(error)) stop();
            settle[at]!({ error });
          },
        )
        .finally(() => {
          running--;
          startMore();
        });
    }
  };
  startMore();
  return { outcomes, stop };
}
