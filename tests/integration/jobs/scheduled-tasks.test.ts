import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueue, QUEUE_NAMES, type QueueSettings } from '../../../jobs/queues.js';
import { PROGRAMME_TIMEZONE, upsertSchedules, type ScheduleJob } from '../../../jobs/schedules.js';
import { startSchedulesWorker } from '../../../jobs/workers/schedules.worker.js';
import { createDomainServices } from '../../../src/domain/domain-services.js';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { requestInput } from '../../support/fixtures.js';
import { expertWithAccounts } from '../../support/notification-world.js';
import { quietLogger, startTestApi, uniqueName, type TestApi } from '../../support/service.js';

const DAY = 86_400_000;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('recurring tasks', () => {
  let api: TestApi;
  let settings: QueueSettings;
  let queue: Queue<ScheduleJob>;
  beforeAll(async () => {
    api = await startTestApi();
    settings = { redisUrl: api.service.redisUrl, prefix: uniqueName('sched') };
    queue = openQueue<ScheduleJob>(QUEUE_NAMES.schedules, settings);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await api.stop();
  });

  it('has one scheduler per task however many worker processes upsert them', async () => {
    await Promise.all([upsertSchedules(queue), upsertSchedules(queue)]);
    await upsertSchedules(queue);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['daily-maintenance', 'merge-repair', 'monthly-report', 'weekly-digest']);
    const daily = schedulers.find((s) => s.key === 'daily-maintenance');
    expect(daily).toMatchObject({ pattern: '30 2 * * *', tz: PROGRAMME_TIMEZONE });
    expect(daily?.next).toBeGreaterThan(Date.now());
  });

  it('closes requests past their deadline and expires introductions unanswered for 14 days, telling the people concerned', async () => {
    const owner = await api.tokenFor([], 'Chủ doanh nghiệp');
    const moderator = await api.tokenFor(['moderator']);
    const firm = (await api.call('POST', '/firms', { token: owner, body: { name: 'Đà Nẵng Soft', sector: 'software', size: '11-50', city: 'Đà Nẵng' } })).body;
    await api.call('PUT', `/firms/${firm.id}/verification`, { token: moderator, body: { verified: true } });
    const publish = async (deadline: string) => {
      const draft = await api.call('POST', `/firms/${firm.id}/requests`, { token: owner, body: { ...requestInput, deadline } });
      expect((await api.call('POST', `/requests/${draft.body.id}/publish`, { token: owner })).status).toBe(200);
      return draft.body.id as string;
    };
    const soon = await publish(inMs(3_600_000));
    const later = await publish(inMs(60 * DAY));
    const expert = await expertWithAccounts(api, 'Chuyên gia', {});
    const intro = (await api.call('POST', `/requests/${later}/interest`, { token: expert.token, body: {} })).body;
    expect(intro.status).toBe('requested');

    // The worker runs fifteen days from now.
    const services = createDomainServices(api.service.connection, () => new Date(Date.now() + 15 * DAY));
    const worker = startSchedulesWorker(settings, services, quietLogger);
    const run = async () => {
      const job = await queue.add('daily-maintenance', { task: 'daily-maintenance' });
      await expect.poll(async () => queue.getJobState(String(job.id)), { timeout: 20_000, interval: 100 }).toBe('completed');
      return (await queue.getJob(String(job.id)))?.returnvalue as unknown;
    };
    try {
      expect(await run()).toEqual({ requestsClosed: 1, introductionsExpired: 1, fairEditionsDrafted: 0 });
      expect(await run()).toEqual({ requestsClosed: 0, introductionsExpired: 0, fairEditionsDrafted: 0 });
    } finally {
      await worker.close();
    }
    expect((await api.call('GET', `/requests/${soon}`)).body.status).toBe('closed');
    expect((await api.call('GET', `/requests/${later}`, { token: owner })).body.status).toBe('open');
    const closedNotice = await noticeModel(api.service.connection).findOne({ type: 'request.closed', 'subject.id': soon }).lean();
    expect(closedNotice?.data).toMatchObject({ reason: 'deadline', firmId: firm.id });
    expect(await noticeModel(api.service.connection).countDocuments({ type: 'introduction.expired', 'subject.id': intro.id })).toBe(1);
  });

  it('refuses a malformed job without retrying it', async () => {
    const worker = startSchedulesWorker(settings, api.service.services, quietLogger);
    try {
      const job = await queue.add('daily-maintenance', { task: 'format-disk' } as never);
      await expect.poll(async () => queue.getJobState(String(job.id)), { timeout: 20_000, interval: 100 }).toBe('failed');
      const failed = await queue.getJob(String(job.id));
      expect(failed?.failedReason).toMatch(/invalid schedule payload/);
      expect(failed?.attemptsMade).toBe(1);
    } finally {
      await worker.close();
    }
  });
});
