import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, type RunningJobs } from '../../../jobs/start-jobs.js';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { quietLogger, startTestApi, uniqueName, type TestApi } from '../../support/service.js';

// Real offsets are a day and an hour; the same machinery runs here with seconds.
const OFFSETS_MS = [5000, 3000];

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function reminderNotices(api: TestApi, eventId: string) {
  return noticeModel(api.service.connection).find({ type: 'event.reminder', 'subject.id': eventId }).lean();
}

describe('event reminders', () => {
  let api: TestApi;
  let jobs: RunningJobs;
  let organiser: string;
  beforeAll(async () => {
    api = await startTestApi();
    jobs = await startJobs(
      api.service.connection,
      api.service.services,
      { redisUrl: api.service.redisUrl, prefix: uniqueName('remind') },
      quietLogger,
      { relayIntervalMs: 100, reminderOffsetsMs: OFFSETS_MS },
    );
    organiser = await api.tokenFor(['organiser'], 'Ban tổ chức');
  });
  afterAll(async () => {
    await jobs.stop();
    await api.stop();
  });

  it('fires each reminder once before the start, for the start time still in force', async () => {
    const eventId = await publishedEvent(api, organiser, seminarInput({ startsAt: inMs(8000), endsAt: inMs(7200_000) }));
    const attendee = await api.tokenFor([], 'Người tham dự');
    expect((await api.call('POST', `/events/${eventId}/rsvp`, { token: attendee })).status).toBeLessThan(300);
    const deadline = Date.now() + 10_000;
    while ((await reminderNotices(api, eventId)).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const notices = await reminderNotices(api, eventId);
    expect(notices.map((n) => n.data.offsetMs).sort()).toEqual([3000, 5000]);
    expect(notices.every((n) => n.createdAt.getTime() < Date.parse(String(n.data.startsAt)))).toBe(true);
  });

  it('drops reminders planned for a start time that has since moved', async () => {
    const eventId = await publishedEvent(api, organiser, seminarInput({ startsAt: inMs(6000), endsAt: inMs(7200_000) }));
    const planned = Date.now() + 5000;
    while (!(await noticeModel(api.service.connection).exists({ 'subject.id': eventId, fannedOutAt: { $exists: true } })) && Date.now() < planned) {
      await new Promise((r) => setTimeout(r, 100)); // wait until the published notice was fanned out and its reminders planned
    }
    const moved = await api.call('PATCH', `/events/${eventId}`, { token: organiser, body: { startsAt: inMs(3_600_000) } });
    expect(moved.status).toBe(200);
    await new Promise((r) => setTimeout(r, 6000));
    expect(await reminderNotices(api, eventId)).toEqual([]);
  });
});
