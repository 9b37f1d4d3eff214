import { describe, expect, it } from 'vitest';
import { AnonymousResponseCache } from '../../../src/api/anonymous-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AnonymousResponseCache', () => {
  it('computes once for callers that arrive while the answer is being computed', async () => {
    const cache = new AnonymousResponseCache({ ttlMs: 1000 });
    const gate = deferred<void>();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await gate.promise;
      return { status: 200, payload: { n: computed } };
    };
    const answers = [cache.answer('k', compute), cache.answer('k', compute), cache.answer('k', compute)];
    gate.resolve();
    const bodies = (await Promise.all(answers)).map((a) => a.body.toString());
    expect(computed).toBe(1);
    expect(new Set(bodies)).toEqual(new Set(['{"n":1}']));
  });

  it('recomputes once the time to live has passed', async () => {
    let clock = 0;
    const cache = new AnonymousResponseCache({ ttlMs: 100 }, () => clock);
    let n = 0;
    const compute = async () => ({ status: 200, payload: { n: ++n } });
    await cache.answer('k', compute);
    clock = 99;
    expect((await cache.answer('k', compute)).body.toString()).toBe('{"n":1}');
    clock = 100;
    expect((await cache.answer('k', compute)).body.toString()).toBe('{"n":2}');
  });

  it('does not keep an answer computed across a write', async () => {
    const cache = new AnonymousResponseCache({ ttlMs: 1000 });
    const gate = deferred<void>();
    let n = 0;
    const slow = async () => {
      n += 1;
      await gate.promise;
      return { status: 200, payload: { n } };
    };
    const before = cache.answer('k', slow);
    cache.invalidate();
    gate.resolve();
    expect((await before).body.toString()).toBe('{"n":1}');
    expect((await cache.answer('k', async () => ({ status: 200, payload: { n: ++n } }))).body.toString()).toBe('{"n":2}');
  });

  it('keeps only successful answers, and at most maxEntries of them', async () => {
    const cache = new AnonymousResponseCache({ ttlMs: 1000, maxEntries: 2 });
    let n = 0;
    const compute = async () => ({ status: 200, payload: { n: ++n } });
    await cache.answer('a', compute);
    await cache.answer('b', compute);
    await cache.answer('c', compute); // pushes out "a", the oldest
    expect((await cache.answer('b', compute)).body.toString()).toBe('{"n":2}');
    expect((await cache.answer('a', compute)).body.toString()).toBe('{"n":4}');
    let created = 0;
    const accepted = async () => ({ status: 201, payload: { created: ++created } });
    await cache.answer('x', accepted);
    expect((await cache.answer('x', accepted)).body.toString()).toBe('{"created":2}');
  });

  it('lets every waiting caller see a failure, and keeps nothing', async () => {
    const cache = new AnonymousResponseCache({ ttlMs: 1000 });
    const failing = async () => {
      throw new Error('database went away');
    };
    await expect(cache.answer('k', failing)).rejects.toThrow('database went away');
    expect((await cache.answer('k', async () => ({ status: 200, payload: 1 }))).body.toString()).toBe('1');
  });
});
