import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDomainServices, type DomainServices } from '../../../src/domain/domain-services.js';
import { digestModel } from '../../../src/domain/notifications/digest.model.js';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { utcOffsetMinutes } from '../../../src/domain/shared/timezone.js';
import { userModel } from '../../../src/domain/users/user.model.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { createCategory, createThread } from '../../support/forum.js';
import { expertWithAccounts, publishFixtureRequest } from '../../support/notification-world.js';
import { startTestApi, type TestApi } from '../../support/service.js';

/** The first Monday after tomorrow (UTC date), so every setup write is in its past week. */
function nextMonday(): { y: number; m: number; d: number } {
  const day = new Date(Date.now() + 86_400_000);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  return { y: day.getUTCFullYear(), m: day.getUTCMonth(), d: day.getUTCDate() };
}

/** The instant that Monday reads hh:mm on a clock in `zone`. */
function mondayLocal(zone: string, hour: number, minute: number): Date {
  const { y, m, d } = nextMonday();
  const naive = Date.UTC(y, m, d, hour, minute);
  return new Date(naive - utcOffsetMinutes(zone, new Date(naive)) * 60_000);
}

describe('weekly digest at 09:00 local time on the chosen day', () => {
  let api: TestApi;
  let clock: Date;
  let services: DomainServices;
  const ids: Record<string, string> = {};
  let requestId: string;
  let eventId: string;
  let threadId: string;
  beforeAll(async () => {
    api = await startTestApi();
    services = createDomainServices(api.service.connection, () => clock);
    requestId = (await publishFixtureRequest(api)).requestId;
    const organiser = await api.tokenFor(['organiser']);
    const start = new Date(mondayLocal('Asia/Ho_Chi_Minh', 9, 0).getTime() + 2 * 86_400_000);
    eventId = await publishedEvent(api, organiser, seminarInput({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7_200_000).toISOString() }));
    const hanoi = await expertWithAccounts(api, 'Chị Hà (Hà Nội)', { telegram: '2001' });
    ids.hanoi = hanoi.userId;
    const categoryId = await createCategory(api, await api.tokenFor(['admin']));
    threadId = await createThread(api, await api.tokenFor([]), categoryId);
    await api.call('POST', '/me/subscriptions', { token: hanoi.token, body: { kind: 'thread', value: threadId } });
    ids.berlin = (await expertWithAccounts(api, 'Anh Đức (Berlin)', { discord: '400000000000000001' }, { skills: ['rust'] })).userId;
    ids.sanJose = (await expertWithAccounts(api, 'Chị Mai (San Jose)', { telegram: '2003' }, { skills: ['rust'] })).userId;
    ids.off = (await expertWithAccounts(api, 'No digest', { telegram: '2004' })).userId;
    const users = userModel(api.service.connection);
    const set = (key: string, fields: Record<string, unknown>) => users.updateOne({ _id: new Types.ObjectId(ids[key]) }, { $set: fields });
    await set('hanoi', { timezone: 'Asia/Ho_Chi_Minh', 'notifications.digestDay': 'mon' });
    await set('berlin', { timezone: 'Europe/Berlin', 'notifications.digestDay': 'mon' });
    await set('sanJose', { timezone: 'America/Los_Angeles', 'notifications.digestDay': 'mon' });
    await set('off', { timezone: 'Asia/Ho_Chi_Minh', 'notifications.digestDay': 'off' });
  });
  afterAll(async () => {
    await api.stop();
  });

  const digestOf = (key: string) => digestModel(api.service.connection).findOne({ userId: new Types.ObjectId(ids[key]) }).lean();
  const runAt = async (at: Date) => {
    clock = at;
    return services.digests.sendDue();
  };

  it('goes out to each person from 09:00 their time, once, across three timezones', async () => {
    await runAt(mondayLocal('Asia/Ho_Chi_Minh', 8, 50));
    expect(await digestOf('hanoi')).toBeNull();

    await runAt(mondayLocal('Asia/Ho_Chi_Minh', 9, 0));
    expect(await digestOf('hanoi')).not.toBeNull();
    expect(await digestOf('berlin')).toBeNull(); // 03:00 in Berlin
    expect(await digestOf('sanJose')).toBeNull(); // still Sunday in San Jose

    await runAt(mondayLocal('Europe/Berlin', 9, 15));
    expect(await digestOf('berlin')).not.toBeNull();
    expect(await digestOf('sanJose')).toBeNull();

    await runAt(mondayLocal('America/Los_Angeles', 9, 0));
    expect(await digestOf('sanJose')).not.toBeNull();
    expect(await digestOf('off')).toBeNull();

    // A later run the same day, and the quarter-hourly schedule, send nobody a second one.
    await runAt(mondayLocal('America/Los_Angeles', 9, 15));
    expect(await digestModel(api.service.connection).countDocuments({ userId: new Types.ObjectId(ids.hanoi) })).toBe(1);
  });

  it('lists new matching requests, upcoming events and active followed threads, and is delivered to its reader only', async () => {
    const digest = await digestOf('hanoi');
    expect(digest?.requestIds.map(String)).toEqual([requestId]);
    expect(digest?.eventIds.map(String)).toContain(eventId);
    expect(digest?.threadIds.map(String)).toEqual([threadId]);
    const notice = await noticeModel(api.service.connection).findOne({ type: 'digest.weekly', 'subject.id': digest?._id }).lean();
    expect(notice?.data).toMatchObject({ requestIds: [requestId], threadIds: [threadId] });
    const result = await services.fanout.fanOut(notice?._id ?? '');
    expect(result.pending.map((d) => [String(d.userId), d.channel])).toEqual([[ids.hanoi, 'telegram']]);
  });

  it('names no request that does not match the reader', async () => {
    const berlin = await digestOf('berlin');
    expect(berlin?.requestIds).toEqual([]);
    expect(berlin?.eventIds.map(String)).toContain(eventId);
  });
});
