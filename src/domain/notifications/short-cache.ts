/**
 * Remembers a computed value for a moment, so thousands of deliveries of one notice read and
 * render it once per moment rather than once each. Concurrent misses share one computation.
 * Values may be up to `ttlMs` old: use it only where that staleness is harmless.
 */
export class ShortCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, compute: () => Promise<V>): Promise<V> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.entries.size >= this.maxEntries) this.evictExpired(now);
    const value = compute();
    this.entries.set(key, { value, expires: now + this.ttlMs });
    // A failure is not remembered: the next caller tries again.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    // Still full of live entries: drop the oldest half rather than grow without bound.
    if (this.entries.size >= this.maxEntries) {
      for (const key of [...this.entries.keys()].slice(0, Math.ceil(this.maxEntries / 2))) this.entries.delete(key);
    }
  }
}
