/** One measured figure and the baseline it is held to. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target; `higherIsBetter` decides which side of it passes. Absent: shown for reference only. */
  baseline?: number;
  higherIsBetter?: boolean;
}

/** Prints figures as an aligned table: figure, baseline, verdict. */
export function printFigures(figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    const value = `${formatNumber(f.value)} ${f.unit}`.padStart(18);
    if (f.baseline === undefined) {
      console.log(`${f.name.padEnd(width)}  ${value}  (reference, no target)`);
      continue;
    }
    const better = f.higherIsBetter ?? true;
    const meets = better ? f.value >= f.baseline : f.value <= f.baseline;
    const baseline = `${better ? '≥' : '≤'} ${formatNumber(f.baseline)} ${f.unit}`.padStart(20);
    console.log(`${f.name.padEnd(width)}  ${value}  baseline ${baseline}  ${meets ? 'ok' : 'BELOW TARGET'}`);
  }
}

function formatNumber(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

/** Runs `op` `count` times with at most `concurrency` in flight; returns operations per second. */
export async function opsPerSecond(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await op(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}
