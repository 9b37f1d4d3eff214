import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/db/embedded/index.js';
import { createDomainServices } from '../../src/domain/domain-services.js';
import { deliveryModel } from '../../src/domain/notifications/delivery.model.js';
import { identityModel } from '../../src/domain/users/identity.model.js';
import { userModel } from '../../src/domain/users/user.model.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { FakeTelegram } from '../support/fake-telegram/index.js';
import { startServiceProcess, type RunningProcess } from '../support/service-process.js';
import { uniqueName } from '../support/service.js';

const RECIPIENTS = 2000;

/**
 * A worker process is killed with SIGKILL in the middle of a 2,000-recipient broadcast and
 * started again: every recipient must be served, none lost; Discord must show no duplicate
 * (nonces), Telegram at most the sends that were in flight at the kill.
 */
describe('a worker killed mid-broadcast', () => {
  let embedded: EmbeddedMongo | undefined;
  let uri: string;
  let connection: mongoose.Connection;
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  const dbName = uniqueName('crash');
  const prefix = uniqueName('crash');

  beforeAll(async () => {
    if (process.env.MONGODB_URI) uri = process.env.MONGODB_URI;
    else {
      embedded = await startEmbeddedMongo();
      uri = embedded.uri;
    }
    connection = await mongoose.createConnection(uri, { dbName }).asPromise();
    telegram = await FakeTelegram.start({ token: `7000001:${'A'.repeat(30)}` });
    discord = await FakeDiscord.start();
    // Opening 1,000 DMs at Discord's pace would take minutes; this test is about crashes, not limits.
    discord.setRateLimits({ dmCreate: { limit: 10_000, windowMs: 1_000 } });
  }, 60_000);
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
    await telegram.close();
    await discord.close();
    await embedded?.stop();
  });

  const worker = () =>
    startServiceProcess({
      MONGODB_URI: uri,
      MONGODB_DB: dbName,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: prefix,
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      RECONCILE_AFTER_MS: '10000',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DISCORD_BOT_TOKEN: discord.token,
      DISCORD_API_BASE: discord.restUrl,
    }).then((p) => p as RunningProcess);

  const sentCount = () => deliveryModel(connection).countDocuments({ status: 'sent' });

  it('serves every recipient after a restart, losing none', async () => {
    // Half the people on Telegram, half on Discord, all known to the platforms.
    const users = Array.from({ length: RECIPIENTS }, (_, i) => ({ _id: new Types.ObjectId(), displayName: `Person ${i}`, locale: i % 2 ? 'vi' : 'en', timezone: 'Asia/Ho_Chi_Minh', roles: ['member'], notifications: { channels: ['telegram', 'discord'], quietHours: null, digestDay: 'off' }, status: 'active', contact: {} }));
    await userModel(connection).insertMany(users);
    const identities = users.map((u, i) => {
      const provider = i % 2 ? 'telegram' : 'discord';
      const externalId = provider === 'telegram' ? String(100_000 + i) : `8${String(i).padStart(18, '0')}`;
      if (provider === 'telegram') telegram.addUser({ id: 100_000 + i, first_name: u.displayName });
      else discord.addUser({ id: externalId, username: u.displayName });
      return { _id: `${provider}:${externalId}`, provider, externalId, userId: u._id };
    });
    await identityModel(connection).insertMany(identities);
    const organiser = await userModel(connection).create({ displayName: 'Organiser', roles: ['organiser'] });
    await createDomainServices(connection).broadcasts.create({ userId: organiser._id, roles: organiser.roles, locale: organiser.locale }, {
      segment: { audience: 'everyone', countries: [], skills: [], locales: [] },
      text: { vi: 'Hội chợ CNTT Đà Nẵng mở cửa thứ Bảy.', en: 'The Da Nang IT fair opens on Saturday.' },
    });

    const first = await worker();
    await expect.poll(sentCount, { timeout: 60_000, interval: 100 }).toBeGreaterThan(RECIPIENTS / 4);
    first.child.kill('SIGKILL');
    await first.exit;
    const atKill = await sentCount();

    const second = await worker();
    try {
      await expect.poll(sentCount, { timeout: 120_000, interval: 500 }).toBe(RECIPIENTS);
    } finally {
      second.child.kill('SIGTERM');
      await second.exit;
    }
    const telegramChats = new Map<number, number>();
    for (const m of telegram.sent) telegramChats.set(m.chatId, (telegramChats.get(m.chatId) ?? 0) + 1);
    const discordChannels = new Map<string, number>();
    for (const m of discord.messages) discordChannels.set(m.channel_id, (discordChannels.get(m.channel_id) ?? 0) + 1);
    const telegramDuplicates = [...telegramChats.values()].reduce((n, c) => n + c - 1, 0);
    const discordDuplicates = [...discordChannels.values()].reduce((n, c) => n + c - 1, 0);
    console.log(`sent before the kill: ${atKill}; Telegram duplicates: ${telegramDuplicates}; Discord duplicates: ${discordDuplicates}`);
    expect(telegramChats.size).toBe(RECIPIENTS / 2);
    expect(discordChannels.size).toBe(RECIPIENTS / 2);
    expect(discordDuplicates).toBe(0);
    // At most the sends the platform took but the dead process had not yet recorded (sends are paced one at a time).
    expect(telegramDuplicates).toBeLessThanOrEqual(8);
  }, 480_000);
});
