import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { evictionPolicyProblem, warnAboutEviction } from '../../src/redis/eviction-policy.js';

describe('Redis eviction policy check', () => {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
  afterAll(() => redis.disconnect());

  it('names a policy that could evict queued jobs, and accepts noeviction', () => {
    expect(evictionPolicyProblem('allkeys-lru')).toMatch(/allkeys-lru.*noeviction/);
    expect(evictionPolicyProblem('volatile-ttl')).toMatch(/volatile-ttl/);
    expect(evictionPolicyProblem('noeviction')).toBeNull();
  });

  it('reads the real server policy and warns exactly when it is unsafe', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const problem = await warnAboutEviction(redis, logger);
    expect(problem).toBe(evictionPolicyProblem(policy));
    expect(lines.some((l) => l.includes('maxmemory-policy'))).toBe(problem !== null);
  });
});
