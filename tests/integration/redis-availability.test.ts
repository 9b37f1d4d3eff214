import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findOnPath,
  freePort,
  redisAnswers,
  RedisUnavailableError,
  resolveRedis,
  type RedisEndpoint,
} from '../../src/redis/redis-availability.js';

const quiet = pino({ level: 'silent' });
const haveRedisServer = findOnPath('redis-server') !== undefined;

describe('finding Redis at start', () => {
  const started: RedisEndpoint[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((endpoint) => endpoint.stop()));
  });

  it('uses REDIS_URL when it answers', async () => {
    const endpoint = await resolveRedis({ url: 'redis://127.0.0.1:6379', dataDir: undefined }, quiet);
    expect(endpoint).toMatchObject({ url: 'redis://127.0.0.1:6379', source: 'configured' });
  });

  it('says REDIS_URL does not answer instead of waiting forever', async () => {
    const deadPort = await freePort();
    await expect(resolveRedis({ url: `redis://127.0.0.1:${deadPort}`, dataDir: undefined }, quiet)).rejects.toThrow(
      /REDIS_URL does not answer/,
    );
  });

  it('falls back to the local Redis on 6379 when REDIS_URL is unset', async () => {
    const endpoint = await resolveRedis({ url: undefined, dataDir: undefined }, quiet);
    expect(endpoint.source).toBe('local');
  });

  it.skipIf(!haveRedisServer)('starts a private redis-server when nothing answers, and stops it again', async () => {
    const deadPort = await freePort();
    const endpoint = await resolveRedis({ url: undefined, dataDir: undefined }, quiet, {
      localUrl: `redis://127.0.0.1:${deadPort}`,
    });
    started.push(endpoint);
    expect(endpoint.source).toBe('child');
    expect(endpoint.url).not.toContain(String(deadPort));
    expect(await redisAnswers(endpoint.url)).toBe(true);
    await endpoint.stop();
    expect(await redisAnswers(endpoint.url)).toBe(false);
  });

  it('explains how to get Redis when none answers and none is installed', async () => {
    const deadPort = await freePort();
    const attempt = resolveRedis({ url: undefined, dataDir: undefined }, quiet, {
      localUrl: `redis://127.0.0.1:${deadPort}`,
      pathVar: '/nonexistent',
    });
    await expect(attempt).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(/apt-get install redis-server.*REDIS_URL/);
  });
});
