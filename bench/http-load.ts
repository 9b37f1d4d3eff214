import autocannon from 'autocannon';

/** Throughput and latency of one route under load. */
export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Drives `url` with `connections` keep-alive clients for `seconds` and reports what it saw. */
export async function loadRoute(name: string, url: string, options: { seconds?: number; connections?: number; headers?: Record<string, string> } = {}): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 10,
    duration: options.seconds ?? 5,
    headers: options.headers ?? {},
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Prints load results beside a reference route: req/s, p50, p99 and the ratio to the reference. */
export function printLoadTable(reference: LoadResult, results: readonly LoadResult[], targets: { ratio: number; p99Ms: number }): void {
  const width = Math.max(...[reference, ...results].map((r) => r.name.length));
  const row = (r: LoadResult, ratio: string, verdict: string) =>
    console.log(
      `${r.name.padEnd(width)}  ${Math.round(r.requestsPerSecond).toString().padStart(7)} req/s  p50 ${r.p50Ms
        .toFixed(1)
        .padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms  ${ratio.padStart(6)}  ${verdict}` +
        (r.errors || r.non2xx ? `  (errors ${r.errors}, non-2xx ${r.non2xx})` : ''),
    );
  row(reference, 'ratio', 'baseline (bare Express JSON route)');
  for (const r of results) {
    const ratio = r.requestsPerSecond / reference.requestsPerSecond;
    const meets = ratio >= targets.ratio && r.p99Ms < targets.p99Ms;
    row(
      r,
      `${(ratio * 100).toFixed(0)}%`,
      `target ≥ ${targets.ratio * 100}% and p99 < ${targets.p99Ms} ms: ${meets ? 'ok' : 'BELOW TARGET'}`,
    );
  }
}
