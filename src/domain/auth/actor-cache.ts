import type { Actor } from './api-token.service.js';

/** A remembered answer for one token: who it acts as, and when its use was last written down. */
export interface CachedActor {
  actor: Actor;
  /** The token's lastUsedAt as last read or written (ms), so the once-a-minute write stays once a minute. */
  lastUsedAt: number | undefined;
}

export interface ActorCacheOptions {
  /** How long an answer is kept; also the longest a change missed by every invalidation could show. */
  ttlMs: number;
  /** The most answers kept; the least recently used goes first. */
  maxEntries: number;
  /** Milliseconds now, for the TTL (tests pass a clock they move). */
  clock?: () => number;
}

interface Entry extends CachedActor {
  expiresAt: number;
}

/**
 * The answers `ApiTokenService.authenticate` computed, by token hash, kept in this process for
 * a short time. Only answers for tokens that work and users who are not banned are kept.
 *
 * A read that started before a change must not put the old answer back after the change
 * dropped it: take a `ticket()` before reading MongoDB and hand it to `set`, which keeps the
 * answer only if nothing was dropped meanwhile. Drops are rare, so any drop voids every ticket.
 */
export class ActorCache {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: () => number;
  private generation = 0;
  private paused = false;

  constructor(private readonly options: ActorCacheOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** How many answers are kept right now. */
  get size(): number {
    return this.entries.size;
  }

  /** The kept answer for a token hash, or undefined when there is none or it has expired. */
  get(tokenHash: string): CachedActor | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    // Map order is insertion order: moving a hit to the end makes the first entry the least recently used.
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    return entry;
  }

  /** Take before reading the answer from MongoDB; `set` keeps the answer only if nothing was dropped since. */
  ticket(): number {
    return this.generation;
  }

  /** Keeps an answer computed since `ticket` was taken (unless the cache is off, paused, or a drop happened). */
  set(tokenHash: string, answer: CachedActor, ticket: number): void {
    if (this.paused || ticket !== this.generation || this.options.ttlMs <= 0 || this.options.maxEntries <= 0) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { ...answer, expiresAt: this.clock() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Drops every answer for this user's tokens (their roles, ban, locale or account changed). */
  dropUser(userId: string): void {
    this.generation += 1;
    for (const [hash, entry] of this.entries) {
      if (String(entry.actor.userId) === userId) this.entries.delete(hash);
    }
  }

  /** Drops the answer for this token (it was revoked). */
  dropToken(tokenId: string): void {
    this.generation += 1;
    for (const [hash, entry] of this.entries) {
      if (entry.actor.tokenId !== undefined && String(entry.actor.tokenId) === tokenId) this.entries.delete(hash);
    }
  }

  /** Drops everything (changes may have been missed). */
  dropAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /**
   * Drops everything and keeps nothing until `resume`: for while this process cannot hear
   * about changes made elsewhere (its invalidation subscriber is disconnected).
   */
  pause(): void {
    this.paused = true;
    this.dropAll();
  }

  /** Starts keeping answers again, from empty (whatever was missed meanwhile cannot be in it). */
  resume(): void {
    this.dropAll();
    this.paused = false;
  }

  /** Whether answers are being kept (false while paused). */
  get active(): boolean {
    return !this.paused;
  }
}
