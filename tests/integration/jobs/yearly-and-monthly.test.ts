import { SYSTEM_ACTOR } from '../../../src/domain/auth/access.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDomainServices } from '../../../src/domain/domain-services.js';
import { eventModel } from '../../../src/domain/events/event.model.js';
import { wallClock } from '../../../src/domain/events/event-time.js';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { zonedDayStart } from '../../../src/domain/reports/report-period.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const HOUR = 3_600_000;

describe('yearly fairs and the monthly report', () => {
  let api: TestApi;
  let organiser: string;
  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Sở Thông tin và Truyền thông');
  });
  afterAll(async () => {
    await api.stop();
  });

  it("drafts next year's edition of a fair once it is over, and tells its organisers to review it", async () => {
    const start = new Date(Date.now() + HOUR);
    const fairId = await publishedEvent(
      api,
      organiser,
      seminarInput({ kind: 'fair', title: { vi: 'Hội chợ CNTT Đà Nẵng 2026', en: 'Da Nang IT Fair 2026' }, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 8 * HOUR).toISOString() }),
    );
    const dayAfter = createDomainServices(api.service.connection, () => new Date(start.getTime() + 30 * HOUR));
    expect(await createDomainServices(api.service.connection).yearlyEditions.draftDueEditions(SYSTEM_ACTOR)).toBe(0); // not over yet
    expect(await dayAfter.yearlyEditions.draftDueEditions(SYSTEM_ACTOR)).toBe(1);
    expect(await dayAfter.yearlyEditions.draftDueEditions(SYSTEM_ACTOR)).toBe(0);

    const next = await eventModel(api.service.connection).findOne({ seriesId: fairId, _id: { $ne: fairId } }).lean();
    expect(next).toMatchObject({ status: 'draft', kind: 'fair', title: { vi: 'Hội chợ CNTT Đà Nẵng 2027' } });
    expect(wallClock('Asia/Ho_Chi_Minh', next?.startsAt ?? new Date()).year).toBe(wallClock('Asia/Ho_Chi_Minh', start).year + 1);
    const notice = await noticeModel(api.service.connection).findOne({ type: 'event.edition_drafted', 'subject.id': next?._id }).lean();
    expect(notice?.data).toMatchObject({ previousId: fairId });
    const fanned = await api.service.services.fanout.fanOut(notice?._id ?? '');
    expect(fanned.unreachable).toBe(1); // the organiser, who has no chat account yet
  });

  it("sends organisers last month's headline figures once, at the start of the month", async () => {
    const owner = await api.tokenFor([], 'Chủ doanh nghiệp');
    await api.call('POST', '/firms', { token: owner, body: { name: 'Cần Thơ Soft', sector: 'software', size: '1-10', city: 'Cần Thơ' } });
    const now = wallClock('Asia/Ho_Chi_Minh', new Date());
    const [y, m] = now.month === 12 ? [now.year + 1, 1] : [now.year, now.month + 1];
    const firstOfNextMonth = new Date(zonedDayStart('Asia/Ho_Chi_Minh', y, m - 1).getTime() + 8 * HOUR);
    const services = createDomainServices(api.service.connection, () => firstOfNextMonth);
    const period = `${now.year}-${String(now.month).padStart(2, '0')}`;
    expect(await services.monthlyReports.sendPreviousMonth()).toEqual({ period, sent: true });
    expect(await services.monthlyReports.sendPreviousMonth()).toEqual({ period, sent: false });
    const notice = await noticeModel(api.service.connection).findOne({ type: 'report.monthly' }).lean();
    expect(notice?.data).toMatchObject({ period, figures: { newFirms: 1 } });
    // Only the organiser (no chat account yet) is in the audience, not the firm owner.
    const fanned = await api.service.services.fanout.fanOut(notice?._id ?? '');
    expect(fanned.unreachable).toBe(1);
  });
});
