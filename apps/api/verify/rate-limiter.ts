import { isIPv6 } from 'node:net';

/** How many client keys a limiter remembers at most; past that the least recently seen is forgotten. */
export const defaultMaxClients = 10_000;

/**
 * A fixed-window counter per key (a client address), in memory. One API process keeps its own counts, which is
 * enough to stop someone walking verification codes; several API replicas each allow the limit. Its memory is
 * bounded: at most `maxClients` keys, the least recently seen forgotten first (a Map keeps insertion order, and a key
 * seen again is moved to the end).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    readonly maxClients: number = defaultMaxClients,
  ) {}

  /** Counts one request; answers whether it may go ahead and, if not, in how many seconds it may try again. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (window) this.windows.delete(key);
    if (!window || now - window.start >= this.windowMs) window = { start: now, count: 0 };
    this.windows.set(key, window);
    while (this.windows.size > this.maxClients) this.windows.delete(this.windows.keys().next().value!);
    window.count += 1;
    if (window.count <= this.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
  }
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address.split('%')[0]!;
  // An IPv4 tail (::ffff:192.0.2.1) becomes its two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * Whom a request counts against: an IPv4 address as it is (also when written IPv4-mapped, ::ffff:a.b.c.d), an IPv6
 * address by its /64, since one subscriber commonly holds a whole /64 and could otherwise use a new address for every
 * request.
 */
export function clientKey(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
