import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventModel } from '../../../src/domain/events/event.model.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

/** Year and month of an instant on the city's calendar. */
function cityMonth(at: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: 'numeric' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month') };
}

describe('programme report: events held and their attendance rate', () => {
  let api: TestApi;
  let organiser: string;

  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Sở TT&TT');
  });
  afterAll(async () => {
    await api.stop();
  });

  /** A published seminar two people RSVPed to, then moved to the given times. */
  async function seminarWithTwoSeats(startsAt: Date, endsAt: Date): Promise<{ eventId: string; userIds: string[] }> {
    const eventId = await publishedEvent(api, organiser, seminarInput());
    const userIds: string[] = [];
    for (const name of ['Hoa', 'Khánh']) {
      const token = await api.tokenFor([], name);
      await api.call('POST', `/events/${eventId}/rsvp`, { token });
      userIds.push((await api.call('GET', '/me', { token })).body.id as string);
    }
    await eventModel(api.service.connection).updateOne({ _id: eventId }, { $set: { startsAt, endsAt } });
    return { eventId, userIds };
  }

  it('counts as held only events that have ended and were not cancelled', async () => {
    const startsAt = new Date(Date.now() - 120_000);
    const ended = await seminarWithTwoSeats(startsAt, new Date(Date.now() - 60_000));
    const running = await seminarWithTwoSeats(startsAt, new Date(Date.now() + 3_600_000));
    const cancelled = await seminarWithTwoSeats(startsAt, new Date(Date.now() - 60_000));
    await eventModel(api.service.connection).updateOne({ _id: cancelled.eventId }, { $set: { status: 'cancelled' } });
    await api.call('POST', `/events/${ended.eventId}/attendance`, { token: organiser, body: { userIds: [ended.userIds[0]] } });
    await api.call('POST', `/events/${running.eventId}/attendance`, { token: organiser, body: { userIds: running.userIds } });
    const { year, month } = cityMonth(startsAt);
    const res = await api.call('GET', `/reports/programme?year=${year}&month=${month}`, { token: organiser });
    expect(res.status).toBe(200);
    expect(res.body.events).toEqual({
      held: 1,
      byKind: [{ key: 'seminar', count: 1 }],
      rsvps: 2,
      attended: 1,
      eventsWithAttendance: 1,
      attendanceRate: 0.5,
    });
  });

  it('answers a null attendance rate, in JSON and an empty cell in CSV, when nobody recorded attendance', async () => {
    const startsAt = new Date('2024-03-10T02:00:00Z');
    await seminarWithTwoSeats(startsAt, new Date('2024-03-10T05:00:00Z'));
    const res = await api.call('GET', '/reports/programme?year=2024&month=3', { token: organiser });
    expect(res.body.events).toEqual({
      held: 1,
      byKind: [{ key: 'seminar', count: 1 }],
      rsvps: 2,
      attended: 0,
      eventsWithAttendance: 0,
      attendanceRate: null,
    });
    const csv = await api.call('GET', '/reports/programme.csv?year=2024&month=3', { token: organiser, lang: 'en' });
    const lines = (csv.body as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.find((l) => l.includes(',Attendance rate,'))).toMatch(/,Attendance rate,Total,$/);
    expect(lines.find((l) => l.includes(',Events with attendance recorded,'))).toMatch(/,Total,0$/);
    expect(lines.find((l) => l.includes(',Events held,'))).toMatch(/,Total,1$/);
  });
});
