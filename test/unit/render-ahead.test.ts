import { runAhead } from '../../activities/render-ahead';

/** A job the test finishes by hand, recording when it started. */
function controlled(started: number[], at: number) {
  let finish!: (value: number) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<number>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    job: () => {
      started.push(at);
      return done;
    },
    finish: () => finish(at),
    fail: (error: Error) => fail(error),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runAhead', () => {
  it('keeps two jobs going, starting the next as one finishes, and gives every outcome in order', async () => {
    const started: number[] = [];
    const jobs = [0, 1, 2, 3].map((at) => controlled(started, at));
    const sut = runAhead(
      jobs.map((j) => j.job),
      2,
      () => false,
    );
    expect(started).toEqual([0, 1]);
    jobs[1]!.finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    jobs[0]!.fail(new Error('bad data'));
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    jobs[2]!.finish();
    jobs[3]!.finish();
    expect(await Promise.all(sut.outcomes)).toEqual([
      { error: new Error('bad data') },
      { value: 1 },
      { value: 2 },
      { value: 3 },
    ]);
  });

  it('starts nothing more after an error that stops the rest; what was running still ends', async () => {
    const started: number[] = [];
    const jobs = [0, 1, 2, 3].map((at) => controlled(started, at));
    const timedOut = new Error('timed out');
    const sut = runAhead(
      jobs.map((j) => j.job),
      2,
      (err) => err === timedOut,
    );
    jobs[0]!.fail(timedOut);
    await tick();
    jobs[1]!.finish();
    expect(await Promise.all(sut.outcomes)).toEqual([
      { error: timedOut },
      { value: 1 },
      { skipped: true },
      { skipped: true },
    ]);
    expect(started).toEqual([0, 1]);
  });

  it('skips what has not started once stopped', async () => {
    const started: number[] = [];
    const jobs = [0, 1, 2].map((at) => controlled(started, at));
    const sut = runAhead(
      jobs.map((j) => j.job),
      1,
      () => false,
    );
    sut.stop();
    jobs[0]!.finish();
    expect(await Promise.all(sut.outcomes)).toEqual([{ value: 0 }, { skipped: true }, { skipped: true }]);
    expect(started).toEqual([0]);
  });
});
