import { overallTurnRates, turnRates, type Window } from '../../perf/harness/alternating-readers';

/** Renders finished every `everyMs` from `from` up to `to`. */
const renders = (from: number, to: number, everyMs: number) =>
  Array.from({ length: Math.floor((to - from) / everyMs) }, (_, i) => from + i * everyMs);

describe('turnRates (the bench slowdown within runs)', () => {
  const windows: Window[] = [
    { from: 0, to: 4000, readers: true },
    { from: 4000, to: 8000, readers: false },
    { from: 8000, to: 12000, readers: true },
    { from: 12000, to: 16000, readers: false },
  ];

  it('compares the rate without readers with the rate with them', () => {
    // 100 renders/s with readers, 125/s without: a run 1.25x as long with readers.
    const finishedAt = [
      ...renders(0, 4000, 10),
      ...renders(4000, 8000, 8),
      ...renders(8000, 12000, 10),
      ...renders(12000, 16000, 8),
    ];
    const sut = turnRates(windows, finishedAt, 500);
    expect(sut.slowdown).toBeCloseTo(1.25, 2);
    expect(sut.withReaders).toEqual({ renders: 700, seconds: 7 });
    expect(sut.withoutReaders).toEqual({ renders: 874, seconds: 7 });
  });

  it("leaves out each window's first moments, when renders begun under the other condition finish", () => {
    // A burst right after each switch (renders held up by the readers finishing once they stop) is not counted.
    const steady = renders(0, 16000, 10);
    const burst = [4000, 4100, 4200, 12000, 12100, 12200].flatMap((at) => Array<number>(10).fill(at));
    expect(turnRates(windows, [...steady, ...burst], 500).slowdown).toBeCloseTo(1, 2);
    expect(turnRates(windows, [...steady, ...burst], 0).slowdown).toBeGreaterThan(1.05);
  });

  it('over several runs, weighs each by its renders and seconds, not each run alike', () => {
    const slow = turnRates(windows, [...renders(0, 8000, 10), ...renders(8000, 16000, 5)], 500);
    const fast = turnRates(windows.slice(0, 2), [...renders(0, 4000, 10), ...renders(4000, 8000, 5)], 500);
    const sut = overallTurnRates([slow, fast]);
    expect(sut.withReaders.renders).toBe(slow.withReaders.renders + fast.withReaders.renders);
    expect(sut.withoutReaders.seconds).toBeCloseTo(slow.withoutReaders.seconds + fast.withoutReaders.seconds, 6);
    expect(sut.slowdown).toBeCloseTo(
      sut.withoutReaders.renders / sut.withoutReaders.seconds / (sut.withReaders.renders / sut.withReaders.seconds),
      6,
    );
    expect(sut.slowdown).not.toBeCloseTo((slow.slowdown + fast.slowdown) / 2, 3);
  });

  it('is NaN, not a figure, when a kind of window never lasted past its settling time', () => {
    expect(turnRates([{ from: 0, to: 300, readers: true }, ...windows.slice(1, 2)], [100, 5000], 500).slowdown).toBe(
      NaN,
    );
  });
});
