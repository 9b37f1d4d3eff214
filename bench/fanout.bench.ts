import { randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { pino } from 'pino';
import { startJobs } from '../jobs/start-jobs.js';
import { DiscordSender } from '../jobs/senders/discord-sender.js';
import { TelegramSender } from '../jobs/senders/telegram-sender.js';
import { loadConfig } from '../src/config.js';
import { deliveryModel } from '../src/domain/notifications/delivery.model.js';
import { identityModel } from '../src/domain/users/identity.model.js';
import { userModel } from '../src/domain/users/user.model.js';
import { startService, type RunningService } from '../src/service.js';
import { FakeDiscord } from '../tests/support/fake-discord/index.js';
import { FakeTelegram } from '../tests/support/fake-telegram/index.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const WINDOW_MS = 20_000;
const silent = pino({ level: 'silent' });

/**
 * `npm run bench -- fanout`: a broadcast to 10,000 people (half Telegram, half Discord)
 * through relay, fan-out and the deliver workers against the local fake platforms.
 * With the platforms' limits on: messages per second over a 20 s window as a share of each
 * limit, and the 429s received. With limits lifted: end-to-end deliveries per second.
 */
export async function benchFanout(): Promise<void> {
  // BENCH_FANOUT_ONLY=limited|lifted runs one half (for profiling one of them).
  const only = process.env.BENCH_FANOUT_ONLY;
  const limited = only === 'lifted' ? null : await run(true, ({ telegram, discord }) => measureWindow(telegram, discord));
  // The same with every Discord recipient written to before: their DM channels are known.
  const returning = only === 'lifted' ? null : await run(true, ({ telegram, discord }) => measureWindow(telegram, discord), { knownDms: true });
  const lifted = only === 'limited' ? null : await run(false, (rig) => measureAll(rig));
  const liftedReturning = only === 'limited' ? null : await run(false, (rig) => measureAll(rig), { knownDms: true });
  const pct = (rate: number, limit: number) => `${((rate / limit) * 100).toFixed(0)}%`;
  console.log(`recipients: ${RECIPIENTS} (half Telegram, half Discord); MongoDB: ${process.env.MONGODB_URI ? 'MONGODB_URI' : 'embedded (in-process)'}`);
  if (limited) {
    const telegramOk = limited.telegramRate >= 28.5 && limited.telegram429 === 0;
    const discordOk = limited.discordRequests >= 47.5 && limited.discord429 === 0;
    console.log(`limits on:   Telegram ${limited.telegramRate.toFixed(1)} msg/s = ${pct(limited.telegramRate, 30)} of 30/s, 429s ${limited.telegram429}   target ≥ 95% with 0 429s: ${telegramOk ? 'ok' : 'BELOW TARGET'}`);
    // A first DM to someone costs two requests (open the DM channel, then post), both under the 50 req/s limit.
    console.log(`             Discord  ${limited.discordRequests.toFixed(1)} req/s (${limited.discordRate.toFixed(1)} msg/s, the rest DM opens) = ${pct(limited.discordRequests, 50)} of 50 req/s, 429s ${limited.discord429}   target ≥ 95% with 0 429s: ${discordOk ? 'ok' : 'BELOW TARGET'}`);
  }
  if (returning) {
    const ok = returning.discordRequests >= 47.5 && returning.discord429 === 0;
    console.log(`             Discord, people written to before (DM channels known): ${returning.discordRate.toFixed(1)} msg/s, ${returning.discordRequests.toFixed(1)} req/s = ${pct(returning.discordRequests, 50)} of 50 req/s, 429s ${returning.discord429}   target ≥ 95% with 0 429s: ${ok ? 'ok' : 'BELOW TARGET'}`);
  }
  const liftedLine = (label: string, r: { total: number; elapsedMs: number }) => {
    const rate = r.total / (r.elapsedMs / 1000);
    console.log(`${label}${r.total} deliveries in ${(r.elapsedMs / 1000).toFixed(1)} s = ${rate.toFixed(0)} deliveries/s   target ≥ 5,000/s: ${rate >= 5000 ? 'ok' : 'BELOW TARGET'}`);
  };
  if (lifted) liftedLine('limits lifted: ', lifted);
  if (liftedReturning) liftedLine('               people written to before (Discord DM channels known): ', liftedReturning);
}

interface Rig {
  telegram: FakeTelegram;
  discord: FakeDiscord;
  service: RunningService;
  /** When the organiser created the broadcast (end-to-end timing starts here). */
  broadcastAt: number;
}

async function run<T>(limitsOn: boolean, measure: (rig: Rig) => Promise<T>, options: { knownDms?: boolean } = {}): Promise<T> {
  const telegram = await FakeTelegram.start({ token: `7000003:${'C'.repeat(30)}`, limits: limitsOn ? {} : null });
  const discord = await FakeDiscord.start();
  // Opening 5,000 DM channels is paced separately by Discord; this measures message sends.
  discord.setRateLimits(limitsOn ? { dmCreate: { limit: 100_000, windowMs: 1_000 } } : null);
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  const config = loadConfig({
    HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EMBEDDED_MONGO_PERSIST: 'false', REDIS_KEY_PREFIX: prefix, MONGODB_DB: prefix,
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
  });
  const service = await startService(config, silent, { roles: ['api'] });
  const jobs = await startJobs(service.connection, service.services, service.queueSettings, silent, {
    relayIntervalMs: 200,
    // With limits lifted the Discord client's own global pacing (50 req/s) is lifted too.
    senders: [new TelegramSender(telegram.token, telegram.apiRoot), new DiscordSender(discord.token, discord.restUrl, limitsOn ? {} : { globalRequestsPerSecond: 1_000_000 })],
    unpaced: !limitsOn,
  });
  try {
    await seed(service.connection, telegram, discord, options.knownDms === true);
    const organiser = await userModel(service.connection).create({ displayName: 'Organiser', roles: ['organiser'] });
    const broadcastAt = Date.now();
    await service.services.broadcasts.create({ userId: organiser._id, roles: organiser.roles, locale: organiser.locale }, { segment: { audience: 'everyone', countries: [], skills: [], locales: [] }, text: { vi: 'Hội chợ CNTT', en: 'IT fair' } });
    return await measure({ telegram, discord, service, broadcastAt });
  } finally {
    await jobs.stop();
    await service.connection.dropDatabase();
    await service.stop();
    await telegram.close();
    await discord.close();
  }
}

async function seed(connection: Connection, telegram: FakeTelegram, discord: FakeDiscord, knownDms: boolean): Promise<void> {
  const users = Array.from({ length: RECIPIENTS }, (_, i) => ({ _id: new Types.ObjectId(), displayName: `P${i}`, locale: 'vi', notifications: { channels: ['telegram', 'discord'], quietHours: null, digestDay: 'off' } }));
  const identities = users.map((u, i) => {
    if (i % 2) {
      telegram.addUser({ id: 500_000 + i, first_name: u.displayName });
      return { _id: `telegram:${500_000 + i}`, provider: 'telegram', externalId: String(500_000 + i), userId: u._id };
    }
    const id = `7${String(i).padStart(18, '0')}`;
    discord.addUser({ id, username: u.displayName });
    return { _id: `discord:${id}`, provider: 'discord', externalId: id, userId: u._id, ...(knownDms ? { dmChannelId: discord.openDm(id) } : {}) };
  });
  for (let i = 0; i < RECIPIENTS; i += 2000) {
    await userModel(connection).insertMany(users.slice(i, i + 2000));
    await identityModel(connection).insertMany(identities.slice(i, i + 2000));
  }
}

async function measureWindow(telegram: FakeTelegram, discord: FakeDiscord) {
  while (telegram.sent.length + discord.messages.length === 0) await sleep(50);
  const start = { t: telegram.sent.length, d: discord.messages.length, dr: discord.requestsAdmitted, t429: telegram.tooManyRequests, d429: discord.tooManyRequests.total, at: Date.now() };
  await sleep(WINDOW_MS);
  const seconds = (Date.now() - start.at) / 1000;
  return {
    telegramRate: (telegram.sent.length - start.t) / seconds,
    discordRate: (discord.messages.length - start.d) / seconds,
    discordRequests: (discord.requestsAdmitted - start.dr) / seconds,
    telegram429: telegram.tooManyRequests - start.t429,
    discord429: discord.tooManyRequests.total - start.d429,
  };
}

/**
 * From the broadcast's creation until every delivery is recorded sent: progress is read off
 * the fake platforms (cheap), and only the end is confirmed in MongoDB (a count of 10,000
 * documents every few milliseconds would itself slow the run down).
 */
async function measureAll({ telegram, discord, service, broadcastAt }: Rig) {
  const deadline = broadcastAt + 300_000;
  while (telegram.sent.length + discord.messages.length < RECIPIENTS && Date.now() < deadline) await sleep(20);
  const deliveries = deliveryModel(service.connection);
  let sent = 0;
  while ((sent = await deliveries.countDocuments({ status: 'sent' })) < RECIPIENTS && Date.now() < deadline) await sleep(50);
  return { total: sent, elapsedMs: Date.now() - broadcastAt };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
