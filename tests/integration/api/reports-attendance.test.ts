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

describe('attendance: organisers mark who came, and the report counts it', () => {
  let api: TestApi;
  let organiser: string;
  let otherOrganiser: string;
  let eventId: string;
  const people: { token: string; id: string }[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Sở TT&TT');
    otherOrganiser = await api.tokenFor(['organiser'], 'Another organiser');
    const startsAt = new Date(Date.now() + 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
    eventId = await publishedEvent(api, organiser, seminarInput({ capacity: 2, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }));
    for (const name of ['An', 'Bình', 'Chi']) {
      const token = await api.tokenFor([], name);
      people.push({ token, id: (await api.call('GET', '/me', { token })).body.id });
      await api.call('POST', `/events/${eventId}/rsvp`, { token });
    }
  });
  afterAll(async () => {
    await api.stop();
  });

  const mark = (token: string, userIds: string[], attended?: boolean) =>
    api.call('POST', `/events/${eventId}/attendance`, { token, body: { userIds, ...(attended === undefined ? {} : { attended }) } });

  it('waits until the event has started', async () => {
    const early = await mark(organiser, [people[0]!.id]);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('attendance.too_early');
  });

  it('marks people holding a seat and reports those who had none', async () => {
    await eventModel(api.service.connection).updateOne({ _id: eventId }, { $set: { startsAt: new Date(Date.now() - 60_000) } });
    const [an, binh, chi] = people.map((p) => p.id) as [string, string, string];
    const res = await mark(organiser, [an, binh, chi]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ marked: 2, notGoing: [chi], going: 2, attended: 2 });
    expect((await mark(organiser, [binh], false)).body).toEqual({ marked: 1, notGoing: [], going: 2, attended: 1 });
  });

  it('leaves seats and the waitlist as they were', async () => {
    const event = await eventModel(api.service.connection).findById(eventId).lean();
    expect(event).toMatchObject({ goingCount: 2, waitingCount: 1 });
    const chi = await api.call('GET', `/events/${eventId}/rsvp`, { token: people[2]!.token });
    expect(chi.body).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('is for the event’s own organisers only', async () => {
    expect((await mark(otherOrganiser, [people[0]!.id])).status).toBe(403);
    expect((await mark(people[0]!.token, [people[0]!.id])).status).toBe(403);
  });

  it('shows in the programme report of the month the event started, once it has ended', async () => {
    await eventModel(api.service.connection).updateOne({ _id: eventId }, { $set: { endsAt: new Date(Date.now() - 1_000) } });
    const event = await eventModel(api.service.connection).findById(eventId).lean();
    const { year, month } = cityMonth(event!.startsAt);
    const res = await api.call('GET', `/reports/programme?year=${year}&month=${month}`, { token: organiser });
    expect(res.body.events).toEqual({ held: 1, byKind: [{ key: 'seminar', count: 1 }], rsvps: 2, attended: 1, eventsWithAttendance: 1, attendanceRate: 0.5 });
  });
});
