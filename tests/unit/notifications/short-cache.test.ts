import { describe, expect, it } from 'vitest';
import { ShortCache } from '../../../src/domain/notifications/short-cache.js';

describe('ShortCache', () => {
  it('computes once for concurrent callers and again after the moment passes', async () => {
    let clock = 0;
    let computed = 0;
    const cache = new ShortCache<number>(2_000, 10, () => clock);
    const compute = async () => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return computed;
    };
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1, 1]);
    clock = 1_999;
    expect(await cache.get('a', compute)).toBe(1);
    clock = 2_000;
    expect(await cache.get('a', compute)).toBe(2);
    expect(await cache.get('b', compute)).toBe(3);
  });

  it('does not remember a failure', async () => {
    const cache = new ShortCache<string>(2_000);
    await expect(cache.get('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });

  it('stays bounded when every entry is still live', async () => {
    const cache = new ShortCache<number>(60_000, 4, () => 0);
    let computed = 0;
    for (let i = 0; i < 10; i += 1) await cache.get(`k${i}`, async () => (computed += 1));
    // The first keys were dropped to make room: asking again computes again.
    await cache.get('k0', async () => (computed += 1));
    expect(computed).toBe(11);
    await cache.get('k9', async () => (computed += 1));
    expect(computed).toBe(11);
  });
});
