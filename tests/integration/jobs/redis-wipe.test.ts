import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryModel } from '../../../src/domain/notifications/delivery.model.js';
import { identityModel } from '../../../src/domain/users/identity.model.js';
import { userModel } from '../../../src/domain/users/user.model.js';
import { findOnPath, startRedisChild, type RedisEndpoint } from '../../../src/redis/redis-availability.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { quietLogger, startTestApi, type TestApi } from '../../support/service.js';

const RECIPIENTS = 200;
const redisServer = findOnPath('redis-server');

// FLUSHALL on the shared Redis would wipe every other test's queues: this one gets its own.
describe.skipIf(!redisServer)('Redis wiped (FLUSHALL) in the middle of a broadcast', () => {
  let redis: RedisEndpoint;
  let telegram: FakeTelegram;
  let api: TestApi;
  beforeAll(async () => {
    redis = await startRedisChild(redisServer ?? 'redis-server', { logger: quietLogger });
    telegram = await FakeTelegram.start({ token: `7000002:${'B'.repeat(30)}`, limits: null });
    api = await startTestApi(
      { REDIS_URL: redis.url, RECONCILE_AFTER_MS: '10000', TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot },
      ['api', 'worker'],
    );
  }, 30_000);
  afterAll(async () => {
    await api.stop();
    await telegram.close();
    await redis.stop();
  });

  it('completes it through the reconciler, losing nobody', async () => {
    const users = Array.from({ length: RECIPIENTS }, (_, i) => ({ _id: new Types.ObjectId(), displayName: `Người ${i}`, locale: 'vi', notifications: { channels: ['telegram'], quietHours: null, digestDay: 'off' } }));
    await userModel(api.service.connection).insertMany(users);
    await identityModel(api.service.connection).insertMany(
      users.map((u, i) => {
        telegram.addUser({ id: 300_000 + i, first_name: u.displayName });
        return { _id: `telegram:${300_000 + i}`, provider: 'telegram', externalId: String(300_000 + i), userId: u._id };
      }),
    );
    const organiser = await api.tokenFor(['organiser']);
    const created = await api.call('POST', '/broadcasts', { token: organiser, body: { segment: { audience: 'everyone' }, text: { vi: 'Chào mừng' } } });
    expect(created.status).toBe(201);

    const sent = () => deliveryModel(api.service.connection).countDocuments({ status: 'sent' });
    await expect.poll(sent, { timeout: 30_000, interval: 50 }).toBeGreaterThan(20);
    const wipe = new Redis(redis.url);
    await wipe.flushall();
    wipe.disconnect();

    await expect.poll(sent, { timeout: 90_000, interval: 250 }).toBe(RECIPIENTS);
    const chats = new Set(telegram.sent.map((m) => m.chatId));
    expect(chats.size).toBe(RECIPIENTS);
  }, 150_000);
});
