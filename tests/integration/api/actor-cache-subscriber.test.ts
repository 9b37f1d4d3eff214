import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActorCache } from '../../../src/domain/auth/actor-cache.js';
import { ApiTokenService, hashToken } from '../../../src/domain/auth/api-token.service.js';
import { actorChangesChannel } from '../../../src/redis/actor-invalidation.js';
import { must, noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const DEADLINE_MS = 10_000;

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the actor cache and its invalidation channel', () => {
  let api: TestApi;
  let redis: Redis;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    redis = new Redis(api.service.redisUrl);
  });
  afterAll(async () => {
    await redis.quit();
    await api.stop();
  });

  /** This service's subscriber connection id, from CLIENT LIST (by its connection name). */
  async function subscriberId(): Promise<string | undefined> {
    const name = actorChangesChannel(api.service.queueSettings.prefix);
    const list = (await redis.client('LIST')) as string;
    return list
      .split('\n')
      .find((line) => line.includes(` name=${name} `))
      ?.match(/^id=(\d+)/)?.[1];
  }

  it('forgets everything when its subscriber connection drops, and caches again once it is back', async () => {
    const token = await api.tokenFor([], 'Steady user');
    await must(api.call('GET', '/me', { token }), 200);
    expect(api.service.actorCache.get(hashToken(token))).toBeDefined();

    const before = await subscriberId();
    expect(before).toBeDefined();
    await redis.client('KILL', 'ID', before as string);
    // Messages sent while it was away are lost, so nothing cached before may survive.
    await until(async () => {
      const now = await subscriberId();
      return now !== undefined && now !== before && api.service.actorCache.active;
    }, 'the subscriber is back');
    expect(api.service.actorCache.get(hashToken(token))).toBeUndefined();

    await must(api.call('GET', '/me', { token }), 200);
    expect(api.service.actorCache.get(hashToken(token))).toBeDefined();
  });

  it('writes lastUsedAt at most once a minute per token, with answers from the cache in between', async () => {
    let clock = new Date('2027-03-01T08:00:00Z');
    const cache = new ActorCache({ ttlMs: 10 * 60_000, maxEntries: 10 });
    const tokens = new ApiTokenService(api.service.connection, () => clock, cache);
    const user = await api.service.services.users.create({ displayName: 'Clocked', locale: 'en' });
    const { token, record } = await tokens.issue(user._id, { name: 'clocked' });
    const lastUsed = async () => (await api.service.services.tokens.list(user._id)).find((t) => t._id.equals(record._id))?.lastUsedAt;

    await tokens.authenticate(token);
    expect(await lastUsed()).toEqual(clock);
    const first = clock;
    clock = new Date(first.getTime() + 59_000);
    await tokens.authenticate(token);
    expect(await lastUsed()).toEqual(first);
    clock = new Date(first.getTime() + 61_000);
    await tokens.authenticate(token);
    expect(await lastUsed()).toEqual(clock);
    expect(cache.size).toBe(1);
  });
});
