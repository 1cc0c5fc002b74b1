import { RateLimiter } from '../../apps/api/verify/rate-limiter';

describe('verification rate limiter', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('allows the limit per window per address, then says when to retry', () => {
    const sut = new RateLimiter(3, 60_000, clock);
    expect([1, 2, 3].map(() => sut.take('10.0.0.1').allowed)).toEqual([true, true, true]);
    now += 15_000;
    expect(sut.take('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(sut.take('10.0.0.2')).toEqual({ allowed: true });
    now += 45_000;
    expect(sut.take('10.0.0.1')).toEqual({ allowed: true });
  });

  it('forgets finished windows once many addresses have come and gone', () => {
    const sut = new RateLimiter(1, 1_000, clock);
    for (let i = 0; i < 10_000; i += 1) sut.take(`a-${i}`);
    now += 1_000;
    sut.take('late');
    const windows = (sut as unknown as { windows: Map<string, unknown> }).windows;
    expect(windows.size).toBe(1);
  });
});
