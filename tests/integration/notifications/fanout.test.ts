import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryModel } from '../../../src/domain/notifications/delivery.model.js';
import { expertWithAccounts, publishFixtureRequest } from '../../support/notification-world.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('fan-out: from a notice to one delivery per person', () => {
  let api: TestApi;
  const people: Record<string, string> = {};
  let noticeId: string;

  async function expert(name: string, accounts: { telegram?: string; discord?: string }, extra: Record<string, unknown> = {}) {
    const person = await expertWithAccounts(api, name, accounts, extra);
    people[name] = person.userId;
    return person;
  }

  beforeAll(async () => {
    api = await startTestApi();
    await expert('Telegram first', { telegram: '1001', discord: '2001' });
    const discordFirst = await expert('Discord first', { telegram: '1002', discord: '2002' });
    await api.call('PATCH', '/me', { token: discordFirst.token, body: { notifications: { channels: ['discord', 'telegram'] } } });
    const sleeper = await expert('Night owl', { telegram: '1003' });
    await api.call('PATCH', '/me', {
      token: sleeper.token,
      body: { timezone: 'Asia/Ho_Chi_Minh', notifications: { quietHours: { start: '00:00', end: '23:59' } } },
    });
    await expert('No accounts', {});
    await expert('Wrong skills', { telegram: '1005' }, { skills: ['php'] });
    await expert('Banned', { telegram: '1006' });
    await api.service.connection.collection('users').updateOne({ displayName: 'Banned' }, { $set: { status: 'banned' } });

    noticeId = (await publishFixtureRequest(api)).noticeId;
  });
  afterAll(async () => {
    await api.stop();
  });

  it('reaches matched experts on their preferred linked channel, skipping the unreachable and the banned', async () => {
    const result = await api.service.services.fanout.fanOut(noticeId);
    expect(result.created).toBe(3);
    const rows = await deliveryModel(api.service.connection).find({ noticeId }).lean();
    const byUser = Object.fromEntries(rows.map((d) => [String(d.userId), [d.channel, d.address]]));
    expect(byUser).toEqual({
      [people['Telegram first'] as string]: ['telegram', '1001'],
      [people['Discord first'] as string]: ['discord', '2002'],
      [people['Night owl'] as string]: ['telegram', '1003'],
    });
  });

  it('holds a non-urgent notice until the person’s quiet hours end', async () => {
    const owl = await deliveryModel(api.service.connection).findOne({ userId: people['Night owl'] }).lean();
    const now = Date.now();
    expect(owl?.notBefore.getTime()).toBeGreaterThan(now);
    const other = await deliveryModel(api.service.connection).findOne({ userId: people['Telegram first'] }).lean();
    expect(other?.notBefore.getTime()).toBeLessThanOrEqual(now);
  });

  it('creates nothing new when the same notice is fanned out again', async () => {
    const again = await api.service.services.fanout.fanOut(noticeId);
    expect(again.created).toBe(0);
    expect(again.pending).toHaveLength(3);
    expect(await deliveryModel(api.service.connection).countDocuments({ noticeId })).toBe(3);
  });

  it('falls back to Discord when Telegram is marked unreachable', async () => {
    await api.service.connection
      .collection('identities')
      .updateOne({ _id: 'telegram:1001' as never }, { $set: { unreachableSince: new Date() } });
    await deliveryModel(api.service.connection).deleteMany({});
    await api.service.services.fanout.fanOut(noticeId);
    const row = await deliveryModel(api.service.connection).findOne({ userId: people['Telegram first'] }).lean();
    expect([row?.channel, row?.address]).toEqual(['discord', '2001']);
  });
});
