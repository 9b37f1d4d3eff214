import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryModel } from '../../../src/domain/notifications/delivery.model.js';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { userModel } from '../../../src/domain/users/user.model.js';
import { expertWithAccounts } from '../../support/notification-world.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('broadcasts: segment, preview, schedule, progress, cancel', () => {
  let api: TestApi;
  let organiser: string;
  const people: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Ban tổ chức');
    // Experts in Germany who read Vietnamese: two on Telegram, one on Discord, one with no chat account.
    people.lan = (await expertWithAccounts(api, 'Lan', { telegram: '1001' }, { country: 'DE', skills: ['kubernetes'] })).userId;
    people.minh = (await expertWithAccounts(api, 'Minh', { telegram: '1002', discord: '300000000000000002' }, { country: 'DE', skills: ['go'] })).userId;
    people.hoa = (await expertWithAccounts(api, 'Hoa', { discord: '300000000000000003' }, { country: 'DE', skills: ['react'] })).userId;
    people.nam = (await expertWithAccounts(api, 'Nam', {}, { country: 'DE', skills: ['go'] })).userId;
    // An expert in the US who reads English, and one who is banned.
    people.kevin = (await expertWithAccounts(api, 'Kevin', { telegram: '1005' }, { country: 'US', skills: ['kubernetes'] })).userId;
    people.banned = (await expertWithAccounts(api, 'Banned', { telegram: '1006' }, { country: 'DE', skills: ['go'] })).userId;
    const users = userModel(api.service.connection);
    await users.updateMany({ _id: { $in: ['lan', 'minh', 'hoa', 'nam', 'banned'].map((k) => new Types.ObjectId(people[k])) } }, { $set: { locale: 'vi' } });
    await users.updateOne({ _id: new Types.ObjectId(people.kevin) }, { $set: { locale: 'en' } });
    await users.updateOne({ _id: new Types.ObjectId(people.banned) }, { $set: { status: 'banned' } });
  });
  afterAll(async () => {
    await api.stop();
  });

  const preview = async (segment: Record<string, unknown>) => (await api.call('POST', '/broadcasts/preview', { token: organiser, body: { segment } })).body;
  const fanOut = async (broadcastId: string) => {
    const notice = await noticeModel(api.service.connection).findOne({ 'subject.id': broadcastId, type: 'broadcast.sent' }).lean();
    if (!notice) throw new Error('creating a broadcast wrote no notice');
    return api.service.services.fanout.fanOut(notice._id);
  };

  it('previews the recipients of a segment per channel, skipping banned people', async () => {
    expect(await preview({ audience: 'experts', countries: ['DE'] })).toEqual({ recipients: 3, telegram: 2, discord: 1, unreachable: 1 });
    expect(await preview({ audience: 'experts', skills: ['Golang', 'k8s'] })).toMatchObject({ recipients: 3, unreachable: 1 });
    expect(await preview({ audience: 'everyone', locales: ['en'], countries: ['US'] })).toMatchObject({ recipients: 1, telegram: 1 });
    expect(await preview({ audience: 'organisers' })).toMatchObject({ recipients: 0, unreachable: 1 });
  });

  it('holds every delivery until the send time, reports progress, and cancels them all before it', async () => {
    const sendAt = inHours(2);
    const created = await api.call('POST', '/broadcasts', {
      token: organiser,
      body: { segment: { audience: 'experts', countries: ['DE'] }, text: { vi: 'Hội chợ CNTT Đà Nẵng mở cửa thứ Bảy.' }, sendAt },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'scheduled', sendAt: new Date(sendAt).toISOString(), link: null });
    const result = await fanOut(created.body.id);
    expect(result.created).toBe(3);
    for (const delivery of result.pending) expect(delivery.notBefore.getTime()).toBeGreaterThanOrEqual(new Date(sendAt).getTime());

    const detail = await api.call('GET', `/broadcasts/${created.body.id}`, { token: organiser });
    expect(detail.body.progress.telegram.pending).toBe(2);
    expect(detail.body.progress.discord.pending).toBe(1);

    const cancelled = await api.call('POST', `/broadcasts/${created.body.id}/cancel`, { token: organiser });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.progress.telegram).toMatchObject({ pending: 0, cancelled: 2 });
    expect(await deliveryModel(api.service.connection).countDocuments({ noticeId: result.pending[0]?.noticeId, status: 'pending' })).toBe(0);
    const again = await api.call('POST', `/broadcasts/${created.body.id}/cancel`, { token: organiser, lang: 'vi' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('broadcast.not_cancellable');
    expect(again.body.error.message).toMatch(/huỷ/);
  });

  it('sends nothing when cancelled before its fan-out ran', async () => {
    const created = await api.call('POST', '/broadcasts', {
      token: organiser,
      body: { segment: { audience: 'everyone' }, text: { en: 'Call for speakers' }, sendAt: inHours(1) },
    });
    await api.call('POST', `/broadcasts/${created.body.id}/cancel`, { token: organiser });
    expect((await fanOut(created.body.id)).created).toBe(0);
  });

  it('sends a broadcast without a time at once, and lists it first', async () => {
    const created = await api.call('POST', '/broadcasts', { token: organiser, body: { segment: { audience: 'experts', locales: ['en'] }, text: { en: 'Hello' } } });
    expect(created.status).toBe(201);
    const result = await fanOut(created.body.id);
    expect(result.pending.map((d) => String(d.userId))).toEqual([people.kevin]);
    const list = await api.call('GET', '/broadcasts?limit=1', { token: organiser });
    expect(list.body.items[0].id).toBe(created.body.id);
    expect(list.body.nextCursor).toBeTruthy();
  });

  it('refuses a broadcast without text, in the past, or linked to something that does not exist', async () => {
    const base = { segment: { audience: 'everyone' } };
    const noText = await api.call('POST', '/broadcasts', { token: organiser, body: { ...base, text: {} } });
    expect(noText.status).toBe(400);
    const past = await api.call('POST', '/broadcasts', { token: organiser, body: { ...base, text: { en: 'x' }, sendAt: inHours(-3) } });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('broadcast.bad_send_time');
    const link = { kind: 'event', id: '665f1c2e8b3e4a0012345678' };
    const badLink = await api.call('POST', '/broadcasts', { token: organiser, body: { ...base, text: { en: 'x' }, link } });
    expect(badLink.status).toBe(422);
    expect(badLink.body.error.code).toBe('broadcast.link_not_found');
    expect((await api.call('GET', '/broadcasts/665f1c2e8b3e4a0012345678', { token: organiser })).status).toBe(404);
  });
});
