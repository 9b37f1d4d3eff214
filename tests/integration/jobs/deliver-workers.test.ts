import type { Queue, Worker } from 'bullmq';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueue, QUEUE_NAMES, type QueueSettings } from '../../../jobs/queues.js';
import { DiscordSender } from '../../../jobs/senders/discord-sender.js';
import { TelegramSender } from '../../../jobs/senders/telegram-sender.js';
import { startDeliverWorker } from '../../../jobs/workers/deliver.worker.js';
import { deliverJobs, type DeliverJob } from '../../../jobs/workers/fanout.worker.js';
import { DeliveryRecords } from '../../../src/domain/notifications/delivery-records.js';
import { deliveryModel, type Delivery } from '../../../src/domain/notifications/delivery.model.js';
import { identityModel } from '../../../src/domain/users/identity.model.js';
import { userModel } from '../../../src/domain/users/user.model.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram, TELEGRAM_LIMITS } from '../../support/fake-telegram/index.js';
import { expertWithAccounts } from '../../support/notification-world.js';
import { quietLogger, startTestApi, uniqueName, type TestApi } from '../../support/service.js';

describe('deliver workers: notices reach Telegram and Discord through the real clients', () => {
  let api: TestApi;
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let settings: QueueSettings;
  let queues: { telegram: Queue<DeliverJob>; discord: Queue<DeliverJob> };
  let workers: Worker<DeliverJob>[];
  let organiser: string;
  let chat = 8100;

  beforeAll(async () => {
    api = await startTestApi();
    telegram = await FakeTelegram.start();
    discord = await FakeDiscord.start();
    settings = { redisUrl: api.service.redisUrl, prefix: uniqueName('deliver') };
    queues = { telegram: openQueue<DeliverJob>(QUEUE_NAMES.deliverTelegram, settings), discord: openQueue<DeliverJob>(QUEUE_NAMES.deliverDiscord, settings) };
    const records = new DeliveryRecords(api.service.connection);
    const common = { connection: api.service.connection, records, queues, logger: quietLogger };
    workers = [
      startDeliverWorker(settings, { ...common, sender: new TelegramSender(telegram.token, telegram.apiRoot) }),
      startDeliverWorker(settings, { ...common, sender: new DiscordSender(discord.token, discord.restUrl) }),
    ];
    organiser = await api.tokenFor(['organiser']);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    for (const q of Object.values(queues)) {
      await q.obliterate({ force: true });
      await q.close();
    }
    await telegram.close();
    await discord.close();
    await api.stop();
  });

  /** A person on the given platforms, known to the fakes, reading the service in `locale`. */
  const person = async (name: string, locale: 'vi' | 'en', on: { telegram?: boolean; discord?: boolean }) => {
    chat += 1;
    const accounts = { ...(on.telegram ? { telegram: String(chat) } : {}), ...(on.discord ? { discord: `9${chat}000000000000000` } : {}) };
    if (on.telegram) telegram.addUser({ id: chat, first_name: name });
    if (on.discord) discord.addUser({ id: accounts.discord ?? '', username: name });
    const { userId } = await expertWithAccounts(api, name, accounts);
    await userModel(api.service.connection).updateOne({ _id: new Types.ObjectId(userId) }, { $set: { locale, 'notifications.channels': ['telegram', 'discord'] } });
    return { userId, chatId: chat, discordId: accounts.discord };
  };

  /** An organiser's broadcast to everyone, fanned out and queued as the fan-out worker would. */
  const broadcast = async (text: { vi?: string; en?: string }): Promise<Delivery[]> => {
    const created = await api.call('POST', '/broadcasts', { token: organiser, body: { segment: { audience: 'everyone' }, text } });
    const { noticeModel } = await import('../../../src/domain/notices/notice.model.js');
    const notice = await noticeModel(api.service.connection).findOne({ 'subject.id': created.body.id }).lean();
    const result = await api.service.services.fanout.fanOut(notice?._id ?? '');
    for (const channel of ['telegram', 'discord'] as const) await queues[channel].addBulk(deliverJobs(result.pending, channel, new Date()));
    return result.pending;
  };

  const settled = async (deliveries: Delivery[]) => {
    await expect
      .poll(async () => deliveryModel(api.service.connection).countDocuments({ _id: { $in: deliveries.map((d) => d._id) }, status: 'pending' }), { timeout: 20_000, interval: 100 })
      .toBe(0);
  };

  it('sends each reader the notice in their language, on their platform', async () => {
    const lan = await person('Lan', 'vi', { telegram: true });
    const kevin = await person('Kevin', 'en', { discord: true });
    const deliveries = await broadcast({ vi: 'Hội chợ CNTT mở cửa thứ Bảy.', en: 'The IT fair opens on Saturday.' });
    await settled(deliveries);
    expect(telegram.sentTo(lan.chatId).map((m) => m.text)).toEqual(['Thông báo từ ban tổ chức\n\nHội chợ CNTT mở cửa thứ Bảy.']);
    const dm = discord.messages.filter((m) => m.content.includes('IT fair'));
    expect(dm.map((m) => m.content)).toEqual(['**A message from the organisers**\n\nThe IT fair opens on Saturday.']);
    expect(await deliveryModel(api.service.connection).countDocuments({ userId: new Types.ObjectId(kevin.userId), status: 'sent', channel: 'discord' })).toBeGreaterThan(0);
  });

  it('shows markup and mentions that people typed as plain text', async () => {
    const hoa = await person('Hoa', 'en', { telegram: true });
    const minh = await person('Minh', 'en', { discord: true });
    const deliveries = await broadcast({ en: 'Use <b>bold</b> & *stars* @everyone' });
    await settled(deliveries);
    expect(telegram.sentTo(hoa.chatId)[0]?.text).toContain('Use <b>bold</b> & *stars* @everyone');
    const dm = discord.messages.filter((m) => m.content.includes('@everyone'));
    expect(dm.length).toBeGreaterThan(0);
    expect(dm[0]?.content).toContain('\\*stars\\*');
    expect(dm.every((m) => m.mention_everyone !== true)).toBe(true);
    expect(await deliveryModel(api.service.connection).countDocuments({ userId: new Types.ObjectId(minh.userId), status: 'sent' })).toBe(1);
  });

  it('falls back to Discord when the person blocked the bot on Telegram, and remembers it', async () => {
    const tuan = await person('Tuấn', 'vi', { telegram: true, discord: true });
    telegram.blockUser(tuan.chatId);
    const deliveries = await broadcast({ vi: 'Hội thảo AI tuần sau.' });
    await expect
      .poll(async () => deliveryModel(api.service.connection).countDocuments({ userId: new Types.ObjectId(tuan.userId), channel: 'discord', status: 'sent' }), { timeout: 20_000, interval: 100 })
      .toBe(1);
    await settled(deliveries);
    const mine = await deliveryModel(api.service.connection).find({ userId: new Types.ObjectId(tuan.userId) }).lean();
    expect(mine.find((d) => d.channel === 'telegram')?.status).toBe('failed');
    expect((await identityModel(api.service.connection).findById(`telegram:${tuan.chatId}`).lean())?.unreachableSince).toBeInstanceOf(Date);
    expect(telegram.sentTo(tuan.chatId)).toEqual([]);
  });

  it('sends a delivery once when two jobs carry it at the same time (a re-queued copy)', async () => {
    const readers = [await person('Bảo', 'vi', { telegram: true }), await person('Chi', 'vi', { telegram: true }), await person('Duy', 'en', { discord: true })];
    const created = await api.call('POST', '/broadcasts', { token: organiser, body: { segment: { audience: 'everyone' }, text: { vi: 'Bản sao', en: 'Copy test' } } });
    const { noticeModel } = await import('../../../src/domain/notices/notice.model.js');
    const notice = await noticeModel(api.service.connection).findOne({ 'subject.id': created.body.id }).lean();
    const { pending } = await api.service.services.fanout.fanOut(notice?._id ?? '');
    for (const channel of ['telegram', 'discord'] as const) {
      const jobs = deliverJobs(pending, channel, new Date());
      // The same batches again under other job ids, queued together: both run at once.
      await queues[channel].addBulk([...jobs, ...jobs.map((j) => ({ ...j, opts: { ...j.opts, jobId: `${j.opts.jobId}-copy` } }))]);
    }
    await settled(pending);
    await new Promise((r) => setTimeout(r, 500));
    // Everyone reached so far is in "everyone": each Telegram chat and each Discord DM got it once.
    const isCopy = (text: string) => text.includes('Bản sao') || text.includes('Copy test');
    for (const d of pending.filter((p) => p.channel === 'telegram')) expect(telegram.sentTo(Number(d.address)).filter((m) => isCopy(m.text))).toHaveLength(1);
    const perDm = new Map<string, number>();
    for (const m of discord.messages.filter((x) => isCopy(x.content))) perDm.set(m.channel_id, (perDm.get(m.channel_id) ?? 0) + 1);
    expect([...perDm.values()]).toEqual(pending.filter((p) => p.channel === 'discord').map(() => 1));
    expect(readers.every((r) => pending.some((p) => String(p.userId) === r.userId))).toBe(true);
  });

  it('waits out a 429 instead of failing, and sends everything once', async () => {
    telegram.setLimits({ perChat: 1, burst: 1 });
    const mai = await person('Mai', 'vi', { telegram: true });
    const before = telegram.tooManyRequests;
    const first = await broadcast({ vi: 'Thông báo một' });
    const second = await broadcast({ vi: 'Thông báo hai' });
    await settled([...first, ...second]);
    const texts = telegram.sentTo(mai.chatId).map((m) => m.text);
    expect(texts.filter((t) => t.includes('Thông báo một'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Thông báo hai'))).toHaveLength(1);
    expect(telegram.tooManyRequests).toBeGreaterThan(before);
    expect(await queues.telegram.getFailedCount()).toBe(0);
    telegram.setLimits({});
  });

  it('adapts to a 429 storm: everyone is served, no job fails, and 429s stay far fewer than messages', async () => {
    // Last in this block: its 40 people would join every later broadcast to everyone.
    const people = [];
    for (let i = 0; i < 40; i += 1) people.push(await person(`Storm ${i}`, 'en', { telegram: true }));
    const before = telegram.tooManyRequests;
    telegram.setLimits({ global: 5 }); // the platform suddenly takes 5 messages a second instead of 30
    const started = Date.now();
    const deliveries = await broadcast({ en: 'Storm test' });
    await expect
      .poll(async () => deliveryModel(api.service.connection).countDocuments({ _id: { $in: deliveries.map((d) => d._id) }, status: 'pending' }), { timeout: 60_000, interval: 200 })
      .toBe(0);
    const storm = telegram.tooManyRequests - before;
    console.log(`storm: ${deliveries.length} deliveries, ${storm} 429s, ${Date.now() - started} ms`);
    for (const p of people) expect(telegram.sentTo(p.chatId).filter((m) => m.text.includes('Storm test'))).toHaveLength(1);
    expect(await queues.telegram.getFailedCount()).toBe(0);
    expect(storm).toBeGreaterThan(0);
    expect(storm).toBeLessThan(deliveries.length / 2);
    // setLimits merges: put Telegram's real limits back whole for the tests that follow.
    telegram.setLimits(TELEGRAM_LIMITS);
  }, 90_000);
});

describe('dead letters: a delivery every attempt failed is listed for admins and can be sent again', () => {
  it('dead-letters after the last attempt, lists it, and sends it on retry once the platform answers', async () => {
    const api = await startTestApi();
    const telegram = await FakeTelegram.start();
    const settings = api.service.queueSettings;
    const queue = openQueue<DeliverJob>(QUEUE_NAMES.deliverTelegram, settings);
    const queues = { telegram: queue, discord: openQueue<DeliverJob>(QUEUE_NAMES.deliverDiscord, settings) };
    const common = { connection: api.service.connection, records: new DeliveryRecords(api.service.connection), queues, logger: quietLogger };
    try {
      const admin = await api.tokenFor(['admin']);
      const { userId } = await expertWithAccounts(api, 'Lan', { telegram: '8801' });
      telegram.addUser({ id: 8801, first_name: 'Lan' });
      const created = await api.call('POST', '/broadcasts', { token: admin, body: { segment: { audience: 'experts' }, text: { vi: 'Xin chào' } } });
      const { noticeModel } = await import('../../../src/domain/notices/notice.model.js');
      const notice = await noticeModel(api.service.connection).findOne({ 'subject.id': created.body.id }).lean();
      const [delivery] = (await api.service.services.fanout.fanOut(notice?._id ?? '')).pending;
      if (!delivery) throw new Error('setup: no delivery');

      // Nothing listens where the sender points: every attempt fails.
      const broken = startDeliverWorker(settings, { ...common, sender: new TelegramSender(telegram.token, 'http://127.0.0.1:9') });
      await queue.add('deliver', { deliveryIds: [String(delivery._id)] }, { jobId: String(delivery._id), attempts: 2, backoff: { type: 'fixed', delay: 10 } });
      await expect.poll(async () => (await deliveryModel(api.service.connection).findById(delivery._id).lean())?.status, { timeout: 20_000, interval: 100 }).toBe('dead');
      await broken.close();

      const listed = await api.call('GET', '/admin/deliveries', { token: admin });
      expect(listed.body.items).toEqual([expect.objectContaining({ id: String(delivery._id), userId, channel: 'telegram', status: 'dead', noticeType: 'broadcast.sent', attempts: 2 })]);
      expect(listed.body.items[0].lastError).toBeTruthy();

      const working = startDeliverWorker(settings, { ...common, sender: new TelegramSender(telegram.token, telegram.apiRoot) });
      try {
        const retried = await api.call('POST', `/admin/deliveries/${String(delivery._id)}/retry`, { token: admin });
        expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
        await expect.poll(async () => (await deliveryModel(api.service.connection).findById(delivery._id).lean())?.status, { timeout: 20_000, interval: 100 }).toBe('sent');
        // Lan reads English; the organisers wrote only Vietnamese, so that text goes out under an English title.
        expect(telegram.sentTo(8801).map((m) => m.text)).toEqual(['A message from the organisers\n\nXin chào']);
        const again = await api.call('POST', `/admin/deliveries/${String(delivery._id)}/retry`, { token: admin, lang: 'vi' });
        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('delivery.not_retryable');
      } finally {
        await working.close();
      }
    } finally {
      await queue.obliterate({ force: true });
      await Promise.all([queue.close(), queues.discord.close()]);
      await telegram.close();
      await api.stop();
    }
  });
});
