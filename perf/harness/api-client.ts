import http from 'node:http';

/**
 * Kept-alive connections through node:http rather than fetch: the client shares the machine with what it measures,
 * and fetch spent about a millisecond of CPU a request, as much as the API's own work on a read.
 */
const agent = new http.Agent({
  keepAlive: true,
  maxSockets: 256,
  // A socket left unused for 30 s is closed here, well before the API's 65 s keep-alive closes it from its side: that
  // could happen just as the socket is reused, and the request would fail without an answer.
  timeout: 30_000,
});

/** A small HTTP client for the harness scripts: JSON in and out, a timeout on every call, and the time each took. */
export interface Answer<T = any> {
  status: number;
  body: T;
  ms: number;
}

/**
 * Given several API processes, calls alternate between them, as behind a load balancer. A call refused outright (the
 * process is down) goes to the next one; a call cut off mid-way is not repeated: the first may have done its work.
 */
export class ApiClient {
  private readonly urls: string[];
  private next = 0;

  constructor(
    urls: string | string[],
    private readonly key: string,
  ) {
    this.urls = typeof urls === 'string' ? [urls] : urls;
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 30_000,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    for (let tries = 1; ; tries++) {
      const url = this.urls[this.next++ % this.urls.length]!;
      try {
        return await this.callAt<T>(url, method, path, body, timeoutMs, headers);
      } catch (err) {
        if (tries >= this.urls.length || (err as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw err;
      }
    }
  }

  private async callAt<T>(
    baseUrl: string,
    method: string,
    path: string,
    body: unknown,
    timeoutMs: number,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { status, contentType, text } = await new Promise<{ status: number; contentType: string; text: string }>(
      (resolve, reject) => {
        const request = http.request(
          `${baseUrl}${path}`,
          {
            method,
            agent,
            timeout: timeoutMs,
            headers: {
              ...headers,
              authorization: `Bearer ${this.key}`,
              ...(payload !== undefined
                ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
                : {}),
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                contentType: response.headers['content-type'] ?? '',
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            response.on('error', reject);
          },
        );
        request.on('timeout', () => request.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
        request.on('error', reject);
        request.end(payload);
      },
    );
    const ms = performance.now() - started;
    return { status, body: (contentType.includes('json') ? JSON.parse(text) : text) as T, ms };
  }

  /** The body of an answer with the expected status, or an error naming the call and what came back. */
  async expect<T = any>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
      );
    }
    return answer.body;
  }
}

/** Runs work(item) for every item with at most `concurrency` at once; results in item order. */
export async function inPool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]! : NaN;
