import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { ActorCache, type CachedActor } from '../../../src/domain/auth/actor-cache.js';

function answerFor(userId = new Types.ObjectId(), tokenId = new Types.ObjectId()): CachedActor {
  return { actor: { userId, roles: ['member'], locale: 'en', tokenId }, lastUsedAt: undefined };
}

/** A cache on a clock the test moves. */
function cacheWithClock(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let now = 1_000_000;
  const cache = new ActorCache({ ttlMs: options.ttlMs ?? 30_000, maxEntries: options.maxEntries ?? 100, clock: () => now });
  return {
    cache,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('the actor cache', () => {
  it('answers from memory until the TTL has passed, then forgets', () => {
    const { cache, advance } = cacheWithClock({ ttlMs: 30_000 });
    const answer = answerFor();
    cache.set('h1', answer, cache.ticket());
    advance(29_999);
    expect(cache.get('h1')?.actor).toEqual(answer.actor);
    advance(1);
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries answers, dropping the least recently used', () => {
    const { cache } = cacheWithClock({ maxEntries: 2 });
    cache.set('a', answerFor(), cache.ticket());
    cache.set('b', answerFor(), cache.ticket());
    expect(cache.get('a')).toBeDefined();
    cache.set('c', answerFor(), cache.ticket());
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('drops every token of a changed user, and only theirs', () => {
    const { cache } = cacheWithClock();
    const user = new Types.ObjectId();
    cache.set('laptop', answerFor(user), cache.ticket());
    cache.set('phone', answerFor(user), cache.ticket());
    cache.set('someone else', answerFor(), cache.ticket());
    cache.dropUser(String(user));
    expect(cache.get('laptop')).toBeUndefined();
    expect(cache.get('phone')).toBeUndefined();
    expect(cache.get('someone else')).toBeDefined();
  });

  it('drops a revoked token and keeps the user’s other tokens', () => {
    const { cache } = cacheWithClock();
    const user = new Types.ObjectId();
    const revoked = new Types.ObjectId();
    cache.set('revoked', answerFor(user, revoked), cache.ticket());
    cache.set('other', answerFor(user), cache.ticket());
    cache.dropToken(String(revoked));
    expect(cache.get('revoked')).toBeUndefined();
    expect(cache.get('other')).toBeDefined();
  });

  it('does not keep an answer read before a change that dropped entries meanwhile', () => {
    const { cache } = cacheWithClock();
    const ticket = cache.ticket();
    cache.dropUser(String(new Types.ObjectId()));
    cache.set('h1', answerFor(), ticket);
    expect(cache.get('h1')).toBeUndefined();
    cache.set('h1', answerFor(), cache.ticket());
    expect(cache.get('h1')).toBeDefined();
  });

  it('keeps nothing while paused and starts from empty when resumed (changes may have been missed)', () => {
    const { cache } = cacheWithClock();
    cache.set('before', answerFor(), cache.ticket());
    cache.pause();
    expect(cache.active).toBe(false);
    expect(cache.get('before')).toBeUndefined();
    const readWhilePaused = cache.ticket();
    cache.set('during', answerFor(), readWhilePaused);
    expect(cache.get('during')).toBeUndefined();
    cache.resume();
    // An answer read while nobody could hear about changes is not kept after resubscribing either.
    cache.set('during', answerFor(), readWhilePaused);
    expect(cache.get('during')).toBeUndefined();
    cache.set('after', answerFor(), cache.ticket());
    expect(cache.get('after')).toBeDefined();
  });

  it('drops everything on dropAll', () => {
    const { cache } = cacheWithClock();
    cache.set('a', answerFor(), cache.ticket());
    cache.set('b', answerFor(), cache.ticket());
    cache.dropAll();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing when its TTL is 0 (turned off)', () => {
    const { cache } = cacheWithClock({ ttlMs: 0 });
    cache.set('a', answerFor(), cache.ticket());
    expect(cache.get('a')).toBeUndefined();
  });
});
