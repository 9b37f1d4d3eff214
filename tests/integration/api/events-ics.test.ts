import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

// 19:00 Berlin in July is summer time (UTC+2, 17:00Z); in January winter time (UTC+1, 18:00Z).
const berlin = { timezone: 'Europe/Berlin', place: { venue: 'Vietnam-Haus', city: 'Berlin' } };
const july = seminarInput({ ...berlin, title: { vi: 'Gặp mặt chuyên gia Berlin', en: 'Berlin experts meetup' }, kind: 'meetup', startsAt: '2027-07-15T17:00:00Z', endsAt: '2027-07-15T19:00:00Z' });
const january = seminarInput({ ...berlin, kind: 'meetup', startsAt: '2028-01-20T18:00:00Z', endsAt: '2028-01-20T20:00:00Z' });

async function ics(api: TestApi, path: string, token?: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${api.url}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function vevents(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c !== undefined && c.type === 'VEVENT');
}

describe('events: ICS files and personal calendar feeds', () => {
  let api: TestApi;
  let organiser: string;
  let attendee: string;
  let julyId: string;
  let januaryId: string;
  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser']);
    attendee = await api.tokenFor([], 'Anh Minh');
    julyId = await publishedEvent(api, organiser, july);
    januaryId = await publishedEvent(api, organiser, { ...january, capacity: 1 });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('serves a published event as text/calendar with a VTIMEZONE and local times under TZID (summer)', async () => {
    const res = await ics(api, `/events/${julyId}.ics`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/calendar/);
    expect(res.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(res.text).toContain('DTSTART;TZID=Europe/Berlin:20270715T190000');
    const [event] = vevents(res.text);
    expect(event?.uid).toBe(`${julyId}@events.vn-expert-bridge`);
    expect(event?.start.toISOString()).toBe('2027-07-15T17:00:00.000Z');
    expect(event?.end?.toISOString()).toBe('2027-07-15T19:00:00.000Z');
    expect(event?.start.tz).toBe('Europe/Berlin');
    expect(event?.summary).toBe('Berlin experts meetup');
    expect(event?.status).toBe('CONFIRMED');
  });

  it('gets winter time right too (January in Berlin is UTC+1)', async () => {
    const res = await ics(api, `/events/${januaryId}.ics`);
    expect(res.text).toContain('DTSTART;TZID=Europe/Berlin:20280120T190000');
    const [event] = vevents(res.text);
    expect(event?.start.toISOString()).toBe('2028-01-20T18:00:00.000Z');
  });

  it('keeps the UID, bumps SEQUENCE on a new time, and marks cancellation', async () => {
    const id = await publishedEvent(api, organiser, july);
    const before = vevents((await ics(api, `/events/${id}.ics`)).text)[0];
    await api.call('PATCH', `/events/${id}`, { token: organiser, body: { startsAt: '2027-07-15T16:00:00Z' } });
    const after = vevents((await ics(api, `/events/${id}.ics`)).text)[0];
    expect(after?.uid).toBe(before?.uid);
    expect([before?.sequence, after?.sequence].map(Number)).toEqual([0, 1]);
    expect(after?.start.toISOString()).toBe('2027-07-15T16:00:00.000Z');
    await api.call('POST', `/events/${id}/cancel`, { token: organiser });
    const cancelled = await ics(api, `/events/${id}.ics`);
    expect(cancelled.text).toContain('STATUS:CANCELLED');
    expect(Number(vevents(cancelled.text)[0]?.sequence)).toBe(2);
  });

  it('hides drafts from anonymous callers (404) but not from their organisers', async () => {
    const draft = await createEvent(api, organiser, july);
    expect((await ics(api, `/events/${draft}.ics`)).status).toBe(404);
    expect((await ics(api, `/events/${draft}.ics`, organiser)).status).toBe(200);
    expect((await ics(api, '/events/nonsense.ics')).status).toBe(404);
  });

  it('feeds a person every event they RSVPed to, going or waitlisted, behind a secret URL', async () => {
    expect((await api.call('GET', '/me/calendar-feed', { token: attendee })).status).toBe(404);
    const other = await api.tokenFor([]);
    await api.call('POST', `/events/${januaryId}/rsvp`, { token: other });
    await api.call('POST', `/events/${julyId}/rsvp`, { token: attendee });
    const waiting = await api.call('POST', `/events/${januaryId}/rsvp`, { token: attendee });
    expect(waiting.body).toMatchObject({ status: 'waitlisted', position: 1 });
    const feed = await api.call('POST', '/me/calendar-feed', { token: attendee });
    expect(feed.status).toBe(201);
    expect((await api.call('GET', '/me/calendar-feed', { token: attendee })).body.path).toBe(feed.body.path);
    const res = await ics(api, String(feed.body.path).replace('/api/v1', ''));
    expect(res.status).toBe(200);
    const events = vevents(res.text);
    expect(events.map((e) => e.uid).sort()).toEqual([`${januaryId}@events.vn-expert-bridge`, `${julyId}@events.vn-expert-bridge`].sort());
    expect(events.map((e) => e.start.toISOString()).sort()).toEqual(['2027-07-15T17:00:00.000Z', '2028-01-20T18:00:00.000Z']);
  });

  it('rotating the secret makes the old URL stop working', async () => {
    const old = (await api.call('GET', '/me/calendar-feed', { token: attendee })).body.path as string;
    const fresh = (await api.call('POST', '/me/calendar-feed', { token: attendee })).body.path as string;
    expect(fresh).not.toBe(old);
    expect((await ics(api, old.replace('/api/v1', ''))).status).toBe(404);
    expect((await ics(api, fresh.replace('/api/v1', ''))).status).toBe(200);
    expect((await ics(api, '/calendar/short.ics')).status).toBe(404);
    expect((await api.call('POST', '/me/calendar-feed')).status).toBe(401);
  });
});
