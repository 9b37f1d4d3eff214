import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNotice } from '../../../src/domain/notifications/render-notice.js';
import { NOTICE_TYPES, type Notice, type NoticeType } from '../../../src/domain/notices/notice.model.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const notice = (type: NoticeType, subjectId: Types.ObjectId, data: Record<string, unknown> = {}): Notice => ({
  _id: randomUUID(),
  type,
  subject: { kind: type.split('.')[0] ?? '', id: subjectId },
  data,
  status: 'dispatched',
  createdAt: new Date(),
});

describe('rendering a notice for its reader at send time', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('has a headline for every notice type in both languages, with every placeholder filled', async () => {
    for (const type of NOTICE_TYPES) {
      for (const locale of ['vi', 'en'] as const) {
        const rendered = await renderNotice(api.service.connection, notice(type, new Types.ObjectId()), { locale, timezone: 'Asia/Ho_Chi_Minh' });
        expect(rendered.title, `${type} in ${locale}`).not.toBe('');
        expect(rendered.title, `${type} in ${locale}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it("shows an event's time in the reader's zone and language, with the UTC offset", async () => {
    const organiser = await api.tokenFor(['organiser']);
    const eventId = await publishedEvent(api, organiser, seminarInput({ startsAt: '2027-07-15T02:00:00Z', endsAt: '2027-07-15T05:00:00Z' }));
    const reminder = notice('event.reminder', new Types.ObjectId(eventId));
    const berlin = await renderNotice(api.service.connection, reminder, { locale: 'en', timezone: 'Europe/Berlin' });
    expect(berlin.title).toBe('Reminder: Kubernetes seminar 2027 — Thu, 15 Jul 2027, 04:00 (UTC+02:00)');
    const hanoi = await renderNotice(api.service.connection, reminder, { locale: 'vi', timezone: 'Asia/Ho_Chi_Minh' });
    expect(hanoi.title).toContain('Hội thảo Kubernetes 2027');
    expect(hanoi.title).toContain('09:00 Thứ Năm, 15/07/2027 (UTC+07:00)');
  });
});
