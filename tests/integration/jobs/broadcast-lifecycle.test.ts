import type { Queue, Worker } from 'bullmq';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueue, QUEUE_NAMES, type QueueSettings } from '../../../jobs/queues.js';
import { DiscordSender } from '../../../jobs/senders/discord-sender.js';
import { TelegramSender } from '../../../jobs/senders/telegram-sender.js';
import { startDeliverWorker } from '../../../jobs/workers/deliver.worker.js';
import { deliverJobs, type DeliverJob } from '../../../jobs/workers/fanout.worker.js';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { DeliveryRecords } from '../../../src/domain/notifications/delivery-records.js';
import { deliveryModel, type Delivery } from '../../../src/domain/notifications/delivery.model.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { expertWithAccounts } from '../../support/notification-world.js';
import { quietLogger, startTestApi, uniqueName, type TestApi } from '../../support/service.js';

describe('broadcast lifecycle: scheduled → sending → sent, with counts; cancelling mid-send', () => {
  let api: TestApi;
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let settings: QueueSettings;
  let queues: { telegram: Queue<DeliverJob>; discord: Queue<DeliverJob> };
  let records: DeliveryRecords;
  const workers: Worker<DeliverJob>[] = [];
  let organiser: string;
  let chat = 41_000;

  beforeAll(async () => {
    api = await startTestApi();
    telegram = await FakeTelegram.start();
    discord = await FakeDiscord.start();
    settings = { redisUrl: api.service.redisUrl, prefix: uniqueName('lifecycle') };
    queues = { telegram: openQueue<DeliverJob>(QUEUE_NAMES.deliverTelegram, settings), discord: openQueue<DeliverJob>(QUEUE_NAMES.deliverDiscord, settings) };
    records = new DeliveryRecords(api.service.connection);
    organiser = await api.tokenFor(['organiser'], 'Ban tổ chức');
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

  const startWorker = (platform: 'telegram' | 'discord') => {
    const sender = platform === 'telegram' ? new TelegramSender(telegram.token, telegram.apiRoot) : new DiscordSender(discord.token, discord.restUrl);
    workers.push(startDeliverWorker(settings, { connection: api.service.connection, records, queues, logger: quietLogger, sender }));
  };

  /** An expert with the skill `tag` (so each test's segment holds only its own people) on the given platforms. */
  const person = async (name: string, tag: string, on: { telegram?: boolean; discord?: boolean; blocked?: boolean }) => {
    chat += 1;
    const accounts = { ...(on.telegram ? { telegram: String(chat) } : {}), ...(on.discord ? { discord: `7${chat}000000000000000` } : {}) };
    if (on.telegram) telegram.addUser({ id: chat, first_name: name });
    if (on.telegram && on.blocked) telegram.blockUser(chat);
    if (on.discord) discord.addUser({ id: accounts.discord ?? '', username: name });
    return expertWithAccounts(api, name, accounts, { skills: [tag] });
  };

  /** Creates the broadcast through the API and fans it out; returns its id and pending deliveries (not yet queued). */
  const broadcastTo = async (tag: string): Promise<{ id: string; pending: Delivery[] }> => {
    const created = await api.call('POST', '/broadcasts', { token: organiser, body: { segment: { audience: 'experts', skills: [tag] }, text: { vi: 'Hội chợ CNTT', en: 'IT fair' } } });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('scheduled');
    const notice = await noticeModel(api.service.connection).findOne({ 'subject.id': new Types.ObjectId(created.body.id as string) }).lean();
    const { pending } = await api.service.services.fanout.fanOut(notice?._id ?? '');
    return { id: created.body.id as string, pending };
  };

  const queue = async (pending: Delivery[], platform: 'telegram' | 'discord') => queues[platform].addBulk(deliverJobs(pending, platform, new Date()));

  const detail = async (id: string) => (await api.call('GET', `/broadcasts/${id}`, { token: organiser })).body;

  it('reaches `sent` once every delivery is done, counting the people no channel reached', async () => {
    startWorker('telegram');
    startWorker('discord');
    await person('Lan', 'lifecycle-sent', { telegram: true });
    await person('Kevin', 'lifecycle-sent', { discord: true });
    await person('Không có bot', 'lifecycle-sent', {});
    await person('Chặn bot', 'lifecycle-sent', { telegram: true, blocked: true });
    const { id, pending } = await broadcastTo('lifecycle-sent');
    expect(await detail(id)).toMatchObject({ status: 'sending', counts: { total: 4, pending: 3, unreachable: 1 } });

    await queue(pending, 'telegram');
    await queue(pending, 'discord');
    await expect.poll(async () => (await detail(id)).status, { timeout: 30_000, interval: 100 }).toBe('sent');
    expect((await detail(id)).counts).toEqual({ total: 4, sent: 2, failed: 0, unreachable: 2, pending: 0, cancelled: 0 });
    const listed = await api.call('GET', '/broadcasts', { token: organiser });
    expect(listed.body.items.find((b: { id: string }) => b.id === id)).toMatchObject({ status: 'sent', counts: { sent: 2 } });
  });

  it('says `failed` when nobody could be reached', async () => {
    await person('Chặn một', 'lifecycle-failed', { telegram: true, blocked: true });
    await person('Không tài khoản', 'lifecycle-failed', {});
    const { id, pending } = await broadcastTo('lifecycle-failed');
    await queue(pending, 'telegram');
    await expect.poll(async () => (await detail(id)).status, { timeout: 30_000, interval: 100 }).toBe('failed');
    expect((await detail(id)).counts).toMatchObject({ total: 2, sent: 0, unreachable: 2 });
  });

  it('stops the rest of a broadcast that is already sending, and says what was sent, stopped and still going', async () => {
    const onTelegram = [await person('Hoa', 'lifecycle-cancel', { telegram: true }), await person('Minh', 'lifecycle-cancel', { telegram: true })];
    const onDiscord = [
      await person('Duy', 'lifecycle-cancel', { discord: true }),
      await person('Chi', 'lifecycle-cancel', { discord: true }),
      await person('Bảo', 'lifecycle-cancel', { discord: true }),
    ];
    const { id, pending } = await broadcastTo('lifecycle-cancel');
    // Telegram goes first; the Discord queue is not worked yet, so those deliveries wait.
    await queue(pending, 'telegram');
    await expect.poll(async () => (await detail(id)).counts.sent, { timeout: 30_000, interval: 100 }).toBe(onTelegram.length);
    expect((await detail(id)).status).toBe('sending');
    // A worker elsewhere holds one Discord delivery at the moment of the cancel.
    const discordRows = pending.filter((d) => d.channel === 'discord');
    expect(discordRows).toHaveLength(onDiscord.length);
    const held = discordRows[0] as Delivery;
    await records.claim([held._id], 'another-worker', 60_000);

    const cancelled = await api.call('POST', `/broadcasts/${id}/cancel`, { token: organiser });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancellation).toEqual({ stopped: 2, alreadySent: 2, stillSending: 1 });
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.counts).toMatchObject({ total: 5, sent: 2, cancelled: 2, pending: 1 });

    // The Discord worker now runs the queued jobs: the stopped deliveries never go out.
    const jobs = await queue(discordRows.slice(1), 'discord');
    startWorker('discord');
    await expect.poll(async () => Promise.all(jobs.map((j) => j.getState())), { timeout: 30_000, interval: 100 }).toEqual(jobs.map(() => 'completed'));
    const stopped = await deliveryModel(api.service.connection).find({ _id: { $in: discordRows.slice(1).map((d) => d._id) } }).lean();
    expect(stopped.map((d) => d.status)).toEqual(['cancelled', 'cancelled']);
    const stoppedDms = discordRows.slice(1).map((d) => discord.openDm(d.address));
    expect(discord.messages.filter((m) => stoppedDms.includes(m.channel_id))).toEqual([]);

    const again = await api.call('POST', `/broadcasts/${id}/cancel`, { token: organiser, lang: 'vi' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('broadcast.not_cancellable');
    expect(again.body.error.message).toMatch(/Chỉ huỷ được/);
  });
});
