import autocannon from 'autocannon';

/** Throughput and latency of one route under load. */
export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** This row's own target, when it differs from the table's; null: shown for comparison only. */
  target?: LoadTarget | null;
}

/** What a route is held to: a share of the reference route's req/s and a p99 bound. */
export interface LoadTarget {
  ratio: number;
  p99Ms: number;
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
export function printLoadTable(reference: LoadResult, results: readonly LoadResult[], targets: LoadTarget): void {
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
    const target = r.target === undefined ? targets : r.target;
    if (!target) {
      row(r, `${(ratio * 100).toFixed(0)}%`, 'for comparison');
      continue;
    }
    const meets = ratio >= target.ratio && r.p99Ms < target.p99Ms;
    row(r, `${(ratio * 100).toFixed(0)}%`, `target ≥ ${target.ratio * 100}% and p99 < ${target.p99Ms} ms: ${meets ? 'ok' : 'BELOW TARGET'}`);
  }
}
