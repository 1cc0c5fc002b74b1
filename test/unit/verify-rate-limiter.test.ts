import { clientKey, RateLimiter } from '../../apps/api/verify/rate-limiter';

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

  it('remembers at most maxClients addresses, forgetting the least recently seen first', () => {
    const sut = new RateLimiter(1, 60_000, clock, 100);
    const windows = (sut as unknown as { windows: Map<string, unknown> }).windows;
    sut.take('busy');
    for (let i = 0; i < 50; i += 1) sut.take(`a-${i}`);
    // Seen again: now the most recent, so it outlives the 50 one-off clients before and many after.
    expect(sut.take('busy').allowed).toBe(false);
    for (let i = 50; i < 148; i += 1) sut.take(`a-${i}`);
    expect(windows.size).toBe(100);
    expect(windows.has('busy')).toBe(true);
    expect(windows.has('a-0')).toBe(false);
    expect(sut.take('busy').allowed).toBe(false);
    // Within its window, no number of other clients grows the memory past the bound.
    for (let i = 0; i < 10_000; i += 1) sut.take(`b-${i}`);
    expect(windows.size).toBe(100);
  });

  it('counts IPv6 clients per /64 and IPv4 (also IPv4-mapped) per address', () => {
    expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:DB8:1:2:ffff::9%eth0')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');

    const sut = new RateLimiter(2, 60_000, clock);
    expect(sut.take(clientKey('2001:db8:5:6::1')).allowed).toBe(true);
    expect(sut.take(clientKey('2001:db8:5:6::2')).allowed).toBe(true);
    expect(sut.take(clientKey('2001:db8:5:6:ffff:ffff:ffff:ffff')).allowed).toBe(false);
    expect(sut.take(clientKey('2001:db8:5:7::1')).allowed).toBe(true);
  });
});
