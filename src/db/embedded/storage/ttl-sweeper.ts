import { canonicalKey } from '../canonical-key.js';
import { compileQuery } from '../query/mingo-options.js';
import type { Catalog } from './catalog.js';
import type { CollectionStore } from './collection-store.js';
import { indexValues, isPlainObject, type Doc } from './document-paths.js';

/**
 * Removes documents whose TTL index date has passed, like mongod's TTLMonitor: a periodic
 * sweep (60 s by default), so expiry is late by up to one interval, never early.
 */
export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly catalog: Catalog,
    private intervalMs: number,
    private readonly afterSweep: (removed: number) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.afterSweep(this.sweep()), this.intervalMs);
    this.timer.unref();
  }

  /** How long the monitor sleeps between passes (setParameter's ttlMonitorSleepSecs). */
  get sleepSeconds(): number {
    return Math.round(this.intervalMs / 1000);
  }

  /** Changes the interval; a running monitor continues at the new pace. */
  setSleepSeconds(seconds: number): void {
    this.intervalMs = seconds * 1000;
    if (!this.timer) return;
    this.stop();
    this.start();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass over every TTL index; returns how many documents expired. */
  sweep(now = Date.now()): number {
    let removed = 0;
    for (const db of this.catalog.databaseNames()) {
      for (const store of this.catalog.collectionsOf(db)) {
        for (const spec of store.indexes.ttlIndexes()) removed += sweepIndex(store, spec, now);
        removed += sweepTimeseries(store, now);
      }
    }
    return removed;
  }
}

function sweepIndex(store: CollectionStore, spec: Doc, now: number): number {
  const field = Object.keys(spec.key as Doc)[0];
  const ttlMs = Number(spec.expireAfterSeconds) * 1000;
  if (!field || !Number.isFinite(ttlMs)) return 0;
  const partial = isPlainObject(spec.partialFilterExpression) ? compileQuery(spec.partialFilterExpression) : null;
  let removed = 0;
  for (const doc of store.all()) {
    // With an array of dates, the earliest one decides (as in mongod).
    const dates = indexValues(doc, field).filter((v): v is Date => v instanceof Date).map((d) => d.getTime());
    if (dates.length === 0 || Math.min(...dates) + ttlMs > now) continue;
    if (partial && !partial.test(doc)) continue;
    if (store.remove(canonicalKey(doc._id))) removed += 1;
  }
  return removed;
}

/** A time-series collection's `expireAfterSeconds` works like a TTL index on its timeField. */
function sweepTimeseries(store: CollectionStore, now: number): number {
  const timeseries = store.options.timeseries;
  const seconds = store.options.expireAfterSeconds;
  if (!isPlainObject(timeseries) || typeof timeseries.timeField !== 'string' || typeof seconds !== 'number') return 0;
  return sweepIndex(store, { key: { [timeseries.timeField]: 1 }, expireAfterSeconds: seconds }, now);
}
