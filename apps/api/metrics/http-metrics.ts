interface Series {
  count: number;
  seconds: number;
}

/** Request counts and durations by method, route pattern (never the raw path: ids would explode it) and status. */
export class HttpMetrics {
  private readonly series = new Map<string, Series>();

  /** One answered request; `route` is the matched pattern, or undefined when no route matched. */
  record(method: string, route: string | undefined, status: number, seconds: number): void {
    const key = `method="${method}",route="${route ?? 'unmatched'}",status="${status}"`;
    const entry = this.series.get(key) ?? { count: 0, seconds: 0 };
    entry.count++;
    entry.seconds += seconds;
    this.series.set(key, entry);
  }

  render(): string[] {
    const lines = [
      '# HELP http_requests_total HTTP requests answered.',
      '# TYPE http_requests_total counter',
      ...[...this.series].map(([labels, s]) => `http_requests_total{${labels}} ${s.count}`),
      '# HELP http_request_duration_seconds Time spent answering HTTP requests.',
      '# TYPE http_request_duration_seconds summary',
      ...[...this.series].flatMap(([labels, s]) => [
        `http_request_duration_seconds_sum{${labels}} ${s.seconds.toFixed(6)}`,
        `http_request_duration_seconds_count{${labels}} ${s.count}`,
      ]),
    ];
    return lines;
  }
}

export const httpMetrics = new HttpMetrics();
