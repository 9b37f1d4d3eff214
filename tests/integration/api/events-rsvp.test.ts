import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('events: RSVP with capacity and waitlist', () => {
  let api: TestApi;
  let organiser: string;
  let people: string[];
  let eventId: string;
  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser']);
    people = [];
    for (let i = 0; i < 50; i += 1) people.push(await api.tokenFor([], `Attendee ${i}`));
    eventId = await publishedEvent(api, organiser, seminarInput({ capacity: 10 }));
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('gives exactly 10 seats to 50 simultaneous RSVPs and queues the other 40 in order', async () => {
    const answers = await Promise.all(people.map((token) => api.call('POST', `/events/${eventId}/rsvp`, { token })));
    expect(answers.map((a) => a.status)).toEqual(people.map(() => 201));
    const going = answers.filter((a) => a.body.status === 'going');
    const waiting = answers.filter((a) => a.body.status === 'waitlisted');
    expect(going).toHaveLength(10);
    expect(waiting).toHaveLength(40);
    const positions = await Promise.all(
      people.map(async (token) => (await api.call('GET', `/events/${eventId}/rsvp`, { token })).body.position as number | null),
    );
    expect(positions.filter((p) => p !== null).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const event = await api.call('GET', `/events/${eventId}`);
    expect(event.body.seats).toEqual({ going: 10, waitlisted: 40, left: 0 });
  });

  it('answers a repeated RSVP with the same state (200), not a second seat', async () => {
    const [first] = people;
    const again = await api.call('POST', `/events/${eventId}/rsvp`, { token: first });
    expect(again.status).toBe(200);
    expect((await api.call('GET', `/events/${eventId}`)).body.seats.going).toBe(10);
  });

  it('promotes the first person on the waitlist when someone going cancels, with a notice', async () => {
    const states = await Promise.all(people.map(async (token) => ({ token, ...(await api.call('GET', `/events/${eventId}/rsvp`, { token })).body })));
    const leaver = states.find((s) => s.status === 'going');
    const head = states.find((s) => s.position === 1);
    const second = states.find((s) => s.position === 2);
    expect((await api.call('DELETE', `/events/${eventId}/rsvp`, { token: leaver?.token })).status).toBe(204);
    expect((await api.call('GET', `/events/${eventId}/rsvp`, { token: head?.token })).body).toMatchObject({ status: 'going', position: null });
    expect((await api.call('GET', `/events/${eventId}/rsvp`, { token: second?.token })).body.position).toBe(1);
    expect((await api.call('GET', `/events/${eventId}/rsvp`, { token: leaver?.token })).status).toBe(404);
    const notices = await api.service.connection.collection('notices').find({ type: 'event.rsvp_promoted' }).toArray();
    expect(notices.map((n) => n.data)).toEqual([{ eventId }]);
    expect((await api.call('GET', `/events/${eventId}`)).body.seats).toEqual({ going: 10, waitlisted: 39, left: 0 });
  });

  it('keeps seats exact when many going people cancel at once', async () => {
    const states = await Promise.all(people.map(async (token) => ({ token, ...(await api.call('GET', `/events/${eventId}/rsvp`, { token })).body })));
    const leavers = states.filter((s) => s.status === 'going').slice(0, 5);
    await Promise.all(leavers.map((s) => api.call('DELETE', `/events/${eventId}/rsvp`, { token: s.token })));
    expect((await api.call('GET', `/events/${eventId}`)).body.seats).toEqual({ going: 10, waitlisted: 34, left: 0 });
    const going = await api.service.connection.collection('rsvps').countDocuments({ status: 'going' });
    expect(going).toBe(10);
  });

  it('lets a waitlisted person leave the queue without touching the seats', async () => {
    const states = await Promise.all(people.map(async (token) => ({ token, ...(await api.call('GET', `/events/${eventId}/rsvp`, { token })).body })));
    const waiter = states.find((s) => s.position === 3);
    expect((await api.call('DELETE', `/events/${eventId}/rsvp`, { token: waiter?.token })).status).toBe(204);
    expect((await api.call('GET', `/events/${eventId}`)).body.seats).toEqual({ going: 10, waitlisted: 33, left: 0 });
    expect((await api.call('DELETE', `/events/${eventId}/rsvp`, { token: waiter?.token })).status).toBe(404);
  });

  it('seats everyone at once when the capacity is unlimited, and promotes when capacity grows', async () => {
    const open = await publishedEvent(api, organiser, seminarInput());
    const some = people.slice(0, 12);
    const answers = await Promise.all(some.map((token) => api.call('POST', `/events/${open}/rsvp`, { token })));
    expect(answers.every((a) => a.body.status === 'going')).toBe(true);
    const grown = await api.call('PATCH', `/events/${eventId}`, { token: organiser, body: { capacity: 12 } });
    expect(grown.body.seats).toEqual({ going: 12, waitlisted: 31, left: 0 });
    const shrink = await api.call('PATCH', `/events/${eventId}`, { token: organiser, body: { capacity: 5 } });
    expect(shrink.status).toBe(409);
  });

  it('refuses RSVPs to drafts (404), cancelled events (409) and without sign-in (401)', async () => {
    const [token] = people;
    const draft = await createEvent(api, organiser, seminarInput());
    expect((await api.call('POST', `/events/${draft}/rsvp`, { token })).status).toBe(404);
    const cancelled = await publishedEvent(api, organiser, seminarInput());
    await api.call('POST', `/events/${cancelled}/cancel`, { token: organiser });
    const res = await api.call('POST', `/events/${cancelled}/rsvp`, { token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('event.not_published');
    expect((await api.call('POST', `/events/${eventId}/rsvp`)).status).toBe(401);
    expect((await api.call('POST', '/events/000000000000000000000000/rsvp', { token })).status).toBe(404);
  });
});
