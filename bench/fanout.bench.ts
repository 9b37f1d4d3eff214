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
import { startFakePlatformsProcess } from './fake-platforms-process.js';
import { profileWindow } from './profile-window.js';
import { startFakePlatforms, type FakePlatforms, type FakePlatformsOptions } from './fake-platforms.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const WINDOW_MS = 20_000;
/** Telegram allows paid broadcasts up to 1,000 messages/s: the pipeline must keep up with that. */
const LIFTED_TARGET_PER_S = 1_000;
const silent = pino({ level: 'silent' });

type FakesWhere = 'in-process' | 'process';

/**
 * `npm run bench -- fanout`: a broadcast to 10,000 people (half Telegram, half Discord)
 * through relay, fan-out and the deliver workers against the local fake platforms.
 * With the platforms' limits on: messages per second over a 20 s window as a share of each
 * limit, and the 429s received. With limits lifted: end-to-end deliveries per second, with
 * the fakes in the bench's process (their CPU charged to the pipeline) and in their own.
 */
export async function benchFanout(): Promise<void> {
  // BENCH_FANOUT_ONLY=limited|lifted runs one half; BENCH_FAKES=in-process|process one place
  // of the fakes for the lifted half (for profiling one of them).
  const only = process.env.BENCH_FANOUT_ONLY;
  const fakesOnly = process.env.BENCH_FAKES;
  const limited = only === 'lifted' ? null : await run(true, 'in-process', (rig) => measureWindow(rig.platforms));
  // The same with every Discord recipient written to before: their DM channels are known.
  const returning = only === 'lifted' ? null : await run(true, 'in-process', (rig) => measureWindow(rig.platforms), { knownDms: true });
  const lifted: { where: FakesWhere; firstTime: Rate; returning: Rate }[] = [];
  if (only !== 'limited') {
    for (const where of ['in-process', 'process'] as const) {
      if (fakesOnly && fakesOnly !== where) continue;
      lifted.push({ where, firstTime: await run(false, where, measureAll), returning: await run(false, where, measureAll, { knownDms: true }) });
    }
  }
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
  const describe = (r: Rate) => `${r.total} deliveries in ${(r.elapsedMs / 1000).toFixed(1)} s = ${perSecond(r).toFixed(0)} deliveries/s`;
  for (const { where, firstTime, returning: known } of lifted) {
    if (where === 'process') {
      const ok = perSecond(firstTime) >= LIFTED_TARGET_PER_S && firstTime.total >= RECIPIENTS;
      console.log(`limits lifted, fakes in their own process: first-time recipients ${describe(firstTime)}   target ≥ 1,000/s: ${ok ? 'ok' : 'BELOW TARGET'}`);
    } else {
      // The fakes' own CPU is charged to the pipeline here: shown for comparison with earlier figures.
      console.log(`limits lifted, fakes in-process:           first-time recipients ${describe(firstTime)}   (reference: the fakes' CPU counted against the pipeline)`);
    }
    console.log(`                                           people written to before (Discord DM channels known): ${describe(known)}`);
  }
}

interface Rate {
  total: number;
  elapsedMs: number;
}

const perSecond = (r: Rate) => r.total / (r.elapsedMs / 1000);

interface Rig {
  platforms: FakePlatforms;
  service: RunningService;
  /** When the organiser created the broadcast (end-to-end timing starts here). */
  broadcastAt: number;
}

async function run<T>(limitsOn: boolean, where: FakesWhere, measure: (rig: Rig) => Promise<T>, options: { knownDms?: boolean } = {}): Promise<T> {
  const fakes: FakePlatformsOptions = {
    telegramToken: `7000003:${'C'.repeat(30)}`,
    telegramLimitsOn: limitsOn,
    // Opening 5,000 DM channels is paced separately by Discord; this measures message sends.
    discordLimits: limitsOn ? { dmCreate: { limit: 100_000, windowMs: 1_000 } } : null,
  };
  const platforms = where === 'process' ? await startFakePlatformsProcess(fakes) : await startFakePlatforms(fakes);
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  const config = loadConfig({
    HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', EMBEDDED_MONGO_PERSIST: 'false', REDIS_KEY_PREFIX: prefix, MONGODB_DB: prefix,
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
  });
  const service = await startService(config, silent, { roles: ['api'] });
  const { telegram, discord } = platforms;
  const jobs = await startJobs(service.connection, service.services, service.queueSettings, silent, {
    relayIntervalMs: 200,
    // With limits lifted the Discord client's own global pacing (50 req/s) is lifted too.
    senders: [new TelegramSender(telegram.token, telegram.apiRoot), new DiscordSender(discord.token, discord.restUrl, limitsOn ? {} : { globalRequestsPerSecond: 1_000_000 })],
    unpaced: !limitsOn,
  });
  try {
    await seed(service.connection, platforms, options.knownDms === true);
    const organiser = await userModel(service.connection).create({ displayName: 'Organiser', roles: ['organiser'] });
    return await profileWindow(`fanout-${limitsOn ? 'limited' : 'lifted'}-${where}${options.knownDms ? '-returning' : ''}`, async () => {
      const broadcastAt = Date.now();
      await service.services.broadcasts.create({ userId: organiser._id, roles: organiser.roles, locale: organiser.locale }, { segment: { audience: 'everyone', countries: [], skills: [], locales: [] }, text: { vi: 'Hội chợ CNTT', en: 'IT fair' } });
      return measure({ platforms, service, broadcastAt });
    });
  } finally {
    await jobs.stop();
    await service.connection.dropDatabase();
    await service.stop();
    await platforms.close();
  }
}

async function seed(connection: Connection, platforms: FakePlatforms, knownDms: boolean): Promise<void> {
  const users = Array.from({ length: RECIPIENTS }, (_, i) => ({ _id: new Types.ObjectId(), displayName: `P${i}`, locale: 'vi', notifications: { channels: ['telegram', 'discord'], quietHours: null, digestDay: 'off' } }));
  const telegramIds = users.flatMap((u, i) => (i % 2 ? [{ index: i, id: 500_000 + i, name: u.displayName }] : []));
  const discordIds = users.flatMap((u, i) => (i % 2 ? [] : [{ index: i, id: `7${String(i).padStart(18, '0')}`, name: u.displayName }]));
  const dmChannels = await platforms.addUsers({ telegram: telegramIds, discord: discordIds, openDms: knownDms });
  const identities = [
    ...telegramIds.map((t) => ({ _id: `telegram:${t.id}`, provider: 'telegram', externalId: String(t.id), userId: users[t.index]?._id })),
    ...discordIds.map((d, n) => ({ _id: `discord:${d.id}`, provider: 'discord', externalId: d.id, userId: users[d.index]?._id, ...(knownDms ? { dmChannelId: dmChannels[n] } : {}) })),
  ];
  for (let i = 0; i < RECIPIENTS; i += 2000) {
    await userModel(connection).insertMany(users.slice(i, i + 2000));
    await identityModel(connection).insertMany(identities.slice(i, i + 2000));
  }
}

async function measureWindow(platforms: FakePlatforms) {
  let start = await platforms.counters();
  while (start.telegramSent + start.discordMessages === 0) {
    await sleep(50);
    start = await platforms.counters();
  }
  const startedAt = Date.now();
  await sleep(WINDOW_MS);
  const end = await platforms.counters();
  const seconds = (Date.now() - startedAt) / 1000;
  return {
    telegramRate: (end.telegramSent - start.telegramSent) / seconds,
    discordRate: (end.discordMessages - start.discordMessages) / seconds,
    discordRequests: (end.discordRequests - start.discordRequests) / seconds,
    telegram429: end.telegram429 - start.telegram429,
    discord429: end.discord429 - start.discord429,
  };
}

/**
 * From the broadcast's creation until every delivery is recorded sent: progress is read off
 * the fake platforms (cheap), and only the end is confirmed in MongoDB (a count of 10,000
 * documents every few milliseconds would itself slow the run down).
 */
async function measureAll({ platforms, service, broadcastAt }: Rig): Promise<Rate> {
  const deadline = broadcastAt + 300_000;
  const accepted = async () => {
    const c = await platforms.counters();
    return c.telegramSent + c.discordMessages;
  };
  while ((await accepted()) < RECIPIENTS && Date.now() < deadline) await sleep(20);
  const deliveries = deliveryModel(service.connection);
  let sent = 0;
  while ((sent = await deliveries.countDocuments({ status: 'sent' })) < RECIPIENTS && Date.now() < deadline) await sleep(50);
  return { total: sent, elapsedMs: Date.now() - broadcastAt };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
