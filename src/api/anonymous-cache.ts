import { createHash } from 'node:crypto';

/** A cached answer: what every anonymous caller of the same URL in the same language gets. */
export interface CachedAnswer {
  status: number;
  /** The answer as the handler returned it; shared, so never to be mutated. */
  payload: unknown;
  body: Buffer;
  etag: string;
  storedAt: number;
}

/** How long and how much the cache keeps. `ttlMs` 0 turns it off. */
export interface AnonymousCacheSettings {
  ttlMs: number;
  maxEntries?: number;
  /** Answers larger than this are served but not kept. */
  maxBodyBytes?: number;
}

/**
 * A short-lived cache of public GET answers for anonymous callers ("microcaching", as
 * Discourse's anonymous cache does): most traffic on public listings is anonymous and
 * identical for the same URL and language, so it is computed once per `ttlMs`.
 *
 * Freshness: a successful write through this API process clears the cache at once, so a
 * caller sees their own change; changes made by other processes show within `ttlMs`.
 * Signed-in callers read from it only on routes whose answer does not depend on who asks
 * (RouteSpec.sameForEveryone), or whose answer is the shared one plus the caller's own part
 * read fresh (RouteSpec.sharedPlusOwn). Concurrent misses for one key share one computation.
 */
export class AnonymousResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private readonly inFlight = new Map<string, Promise<CachedAnswer>>();
  private generation = 0;
  private readonly maxEntries: number;
  private readonly maxBodyBytes: number;

  constructor(
    private readonly settings: AnonymousCacheSettings,
    private readonly clock: () => number = Date.now,
  ) {
    this.maxEntries = settings.maxEntries ?? 1000;
    this.maxBodyBytes = settings.maxBodyBytes ?? 512 * 1024;
  }

  get enabled(): boolean {
    return this.settings.ttlMs > 0;
  }

  /** The answer for `key`, computed by `compute` unless a fresh one is kept or being computed. */
  async answer(key: string, compute: () => Promise<{ status: number; payload: unknown }>): Promise<CachedAnswer> {
    const kept = this.entries.get(key);
    if (kept && this.clock() - kept.storedAt < this.settings.ttlMs) return kept;
    if (kept) this.entries.delete(key);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const work = compute()
      .then(({ status, payload }) => this.keep(key, generation, status, payload))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  /** Forgets everything kept and everything being computed: call after a successful write. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
    this.inFlight.clear();
  }

  private keep(key: string, generation: number, status: number, payload: unknown): CachedAnswer {
    const body = Buffer.from(JSON.stringify(payload));
    const etag = `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
    const answer: CachedAnswer = { status, payload, body, etag, storedAt: this.clock() };
    // A write that finished while this was computed may not be in it: serve it once, keep it not.
    if (generation !== this.generation || status !== 200 || body.length > this.maxBodyBytes) return answer;
    if (this.entries.size >= this.maxEntries) {
      // Map order is insertion order: the first key is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, answer);
    return answer;
  }
}
