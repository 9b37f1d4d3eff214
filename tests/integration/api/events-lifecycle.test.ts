import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, noticeTypes, publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('events: lifecycle and authorization', () => {
  let api: TestApi;
  let organiser: string;
  let otherOrganiser: string;
  let admin: string;
  let member: string;
  let firmMember: string;
  let eventId: string;
  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Chị Hoa (organiser)');
    otherOrganiser = await api.tokenFor(['organiser'], 'Another organiser');
    admin = await api.tokenFor(['admin']);
    member = await api.tokenFor([]);
    firmMember = await api.tokenFor([], 'Firm owner');
    await api.call('POST', '/firms', { token: firmMember, body: { name: 'Sông Hàn Tech', sector: 'software', size: '11-50', city: 'Đà Nẵng' } });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('lets organisers and admins draft events, and nobody else', async () => {
    const res = await api.call('POST', '/events', { token: organiser, body: seminarInput() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', kind: 'seminar', capacity: null, seats: { going: 0, left: null }, sequence: 0 });
    eventId = res.body.id;
    expect((await api.call('POST', '/events', { token: admin, body: seminarInput() })).status).toBe(201);
    expect((await api.call('POST', '/events', { token: member, body: seminarInput() })).status).toBe(403);
    expect((await api.call('POST', '/events', { token: firmMember, body: seminarInput() })).status).toBe(403);
    expect((await api.call('POST', '/events', { body: seminarInput() })).status).toBe(401);
  });

  it('keeps drafts invisible to everyone but the event’s organisers and admins', async () => {
    expect((await api.call('GET', `/events/${eventId}`, { token: organiser })).status).toBe(200);
    expect((await api.call('GET', `/events/${eventId}`, { token: admin })).status).toBe(200);
    for (const token of [member, otherOrganiser, undefined]) {
      expect((await api.call('GET', `/events/${eventId}`, token ? { token } : {})).status).toBe(404);
    }
    expect((await api.call('POST', `/events/${eventId}/publish`, { token: otherOrganiser })).status).toBe(404);
    expect((await api.call('GET', '/events')).body.items).toEqual([]);
  });

  it('publishes once, writing one event.published notice; a second publish is 409', async () => {
    const res = await api.call('POST', `/events/${eventId}/publish`, { token: organiser });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    expect(await noticeTypes(api, eventId)).toEqual(['event.published']);
    const again = await api.call('POST', `/events/${eventId}/publish`, { token: organiser });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('event.illegal_transition');
    expect((await api.call('GET', `/events/${eventId}`)).status).toBe(200);
  });

  it('refuses changes by people who do not organise this event (403 once public)', async () => {
    const change = { capacity: 5 };
    expect((await api.call('PATCH', `/events/${eventId}`, { token: otherOrganiser, body: change })).status).toBe(403);
    expect((await api.call('PATCH', `/events/${eventId}`, { token: member, body: change })).status).toBe(403);
    expect((await api.call('PATCH', `/events/${eventId}`, { body: change })).status).toBe(401);
    expect((await api.call('PATCH', `/events/${eventId}`, { token: admin, body: change })).status).toBe(200);
  });

  it('bumps the sequence and notifies on a new time, but not on a new text', async () => {
    const text = await api.call('PATCH', `/events/${eventId}`, { token: organiser, body: { body: { en: 'Updated agenda' } } });
    expect(text.body.sequence).toBe(0);
    const moved = await api.call('PATCH', `/events/${eventId}`, {
      token: organiser,
      body: { startsAt: '2027-07-16T02:00:00Z', endsAt: '2027-07-16T05:00:00Z' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ sequence: 1, startsAt: '2027-07-16T02:00:00.000Z' });
    expect(await noticeTypes(api, eventId)).toEqual(['event.published', 'event.rescheduled']);
  });

  it('lists upcoming events soonest first with kind, city and date filters and a cursor', async () => {
    const later = await publishedEvent(api, organiser, seminarInput({ kind: 'meetup', startsAt: '2027-09-01T10:00:00Z', endsAt: '2027-09-01T12:00:00Z', place: { venue: 'Nhà văn hóa', city: 'Hà Nội' } }));
    const online = await publishedEvent(api, organiser, seminarInput({ kind: 'conference', place: undefined, onlineUrl: 'https://meet.example.vn/conf', startsAt: '2027-08-01T10:00:00Z', endsAt: '2027-08-02T10:00:00Z' }));
    const all = await api.call('GET', '/events');
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual([eventId, online, later]);
    const first = await api.call('GET', '/events?limit=2');
    const second = await api.call('GET', `/events?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((e: { id: string }) => e.id)).toEqual([eventId, online, later]);
    expect(second.body.nextCursor).toBeNull();
    expect((await api.call('GET', '/events?kind=meetup')).body.items.map((e: { id: string }) => e.id)).toEqual([later]);
    expect((await api.call('GET', `/events?city=${encodeURIComponent('ha noi')}`)).body.items).toHaveLength(1);
    const window = await api.call('GET', '/events?from=2027-07-20T00:00:00Z&to=2027-08-15T00:00:00Z');
    expect(window.body.items.map((e: { id: string }) => e.id)).toEqual([online]);
  });

  it('cancels with an event.cancelled notice and a new sequence, and then refuses edits', async () => {
    const res = await api.call('POST', `/events/${eventId}/cancel`, { token: organiser });
    expect(res.body).toMatchObject({ status: 'cancelled', sequence: 2 });
    expect((await noticeTypes(api, eventId)).at(-1)).toBe('event.cancelled');
    expect((await api.call('PATCH', `/events/${eventId}`, { token: organiser, body: { capacity: 3 } })).status).toBe(409);
    expect((await api.call('POST', `/events/${eventId}/publish`, { token: organiser })).status).toBe(409);
    expect((await api.call('POST', `/events/${eventId}/cancel`, { token: organiser })).status).toBe(409);
  });

  it('answers 400 to malformed events and 422 to edits that break the rules', async () => {
    const bad = [
      seminarInput({ endsAt: '2027-07-15T01:00:00Z' }),
      seminarInput({ timezone: 'Mars/Olympus' }),
      seminarInput({ place: undefined, onlineUrl: 'http://insecure.example.vn' }),
      seminarInput({ place: undefined }),
      seminarInput({ kind: 'contest' }),
      seminarInput({ capacity: 0 }),
      seminarInput({ startsAt: 'tomorrow' }),
    ];
    for (const body of bad) expect((await api.call('POST', '/events', { token: organiser, body })).status).toBe(400);
    const draft = await createEvent(api, organiser, seminarInput());
    const backwards = await api.call('PATCH', `/events/${draft}`, { token: organiser, body: { endsAt: '2027-07-14T00:00:00Z' } });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.code).toBe('event.ends_before_start');
    const past = await createEvent(api, organiser, seminarInput({ startsAt: '2020-01-01T00:00:00Z', endsAt: '2020-01-01T02:00:00Z' }));
    expect((await api.call('POST', `/events/${past}/publish`, { token: organiser })).status).toBe(422);
    expect((await api.call('GET', '/events/not-an-id')).status).toBe(400);
    expect((await api.call('GET', '/events?cursor=garbage')).status).toBe(400);
  });
});
