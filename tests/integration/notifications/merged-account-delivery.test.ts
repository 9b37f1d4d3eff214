import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueue, QUEUE_NAMES } from '../../../jobs/queues.js';
import { deliveryModel } from '../../../src/domain/notifications/delivery.model.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('a notice held for an account that is then linked away', () => {
  let api: TestApi;
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await FakeDiscord.start();
    api = await startTestApi({ DISCORD_BOT_TOKEN: discord.token, DISCORD_API_BASE: discord.restUrl }, ['api', 'worker']);
  });
  afterAll(async () => {
    await api.stop();
    await discord.close();
  });

  it('reaches the person through the surviving account, in its language, when its time comes', async () => {
    const { services, connection } = api.service;
    const deliveries = deliveryModel(connection);
    // One person: a Telegram account (English) and a Discord account (Vietnamese) not yet linked.
    discord.addUser({ id: '730000000000000001', username: 'Phương' });
    const survivor = await services.users.findOrCreateByIdentity('telegram', '73000001', { displayName: 'Phương (Telegram)', locale: 'en' });
    const second = await services.users.findOrCreateByIdentity('discord', '730000000000000001', { displayName: 'Phương (Discord)', locale: 'vi' });
    const survivorToken = (await services.tokens.issue(survivor._id, { name: 'test' })).token;
    const secondToken = (await services.tokens.issue(second._id, { name: 'test' })).token;

    // A broadcast to Vietnamese readers, held far in the future: only the Discord account gets it.
    const organiser = await api.tokenFor(['organiser']);
    const sendAt = new Date(Date.now() + 30 * 24 * 3_600_000).toISOString();
    const created = await api.call('POST', '/broadcasts', {
      token: organiser,
      body: { segment: { audience: 'everyone', locales: ['vi'] }, text: { vi: 'Tin được giữ lại', en: 'Held news' }, sendAt },
    });
    expect(created.status).toBe(201);
    await expect.poll(() => deliveries.countDocuments({ userId: second._id, status: 'pending' }), { timeout: 20_000, interval: 100 }).toBe(1);

    const { code } = (await api.call('POST', '/me/link-codes', { token: survivorToken })).body;
    expect((await api.call('POST', '/me/link', { token: secondToken, body: { code } })).status).toBe(200);

    // The held delivery now belongs to the survivor and still goes to the Discord chat.
    const held = await deliveries.findOne({ userId: survivor._id, status: 'pending' }).lean();
    expect(held).toMatchObject({ channel: 'discord', address: '730000000000000001' });
    // Its time comes: moved in the database, and its delayed job released now instead of in 30 days.
    await deliveries.updateOne({ _id: held?._id }, { $set: { notBefore: new Date() } });
    const queue = openQueue(QUEUE_NAMES.deliverDiscord, api.service.queueSettings);
    try {
      const job = await queue.getJob(held?.batch ?? String(held?._id));
      await job?.promote();
    } finally {
      await queue.close();
    }

    await expect.poll(() => discord.messages.filter((m) => m.content.includes('Held news')).length, { timeout: 20_000, interval: 100 }).toBe(1);
    expect(discord.messages.some((m) => m.content.includes('Tin được giữ lại'))).toBe(false);
    await expect.poll(async () => (await deliveries.findById(held?._id).lean())?.status, { timeout: 20_000, interval: 100 }).toBe('sent');
  });
});
