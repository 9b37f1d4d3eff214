import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const fair = seminarInput({
  kind: 'fair',
  title: { vi: 'Hội chợ CNTT Đà Nẵng 2027', en: 'Da Nang IT Fair 2027' },
  startsAt: '2027-10-01T01:00:00Z',
  endsAt: '2027-10-01T10:00:00Z',
});

describe('events: exhibitors and meeting slots at fairs', () => {
  let api: TestApi;
  let organiser: string;
  let owner: string;
  let outsider: string;
  let experts: string[];
  let fairId: string;
  let firmId: string;
  let exhibitorId: string;
  let slotId: string;
  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser']);
    owner = await api.tokenFor([], 'Firm owner');
    outsider = await api.tokenFor([], 'Not in the firm');
    experts = [];
    for (let i = 0; i < 5; i += 1) experts.push(await api.tokenFor(['expert'], `Expert ${i}`));
    firmId = (await api.call('POST', '/firms', { token: owner, body: { name: 'Sông Hàn Tech', sector: 'software', size: '11-50', city: 'Đà Nẵng' } })).body.id;
    fairId = await publishedEvent(api, organiser, fair);
  });
  afterAll(async () => {
    await api.stop();
  });

  it('lets a firm member apply (once) and refuses people outside the firm', async () => {
    expect((await api.call('POST', `/events/${fairId}/exhibitors`, { token: outsider, body: { firmId } })).status).toBe(403);
    const res = await api.call('POST', `/events/${fairId}/exhibitors`, { token: owner, body: { firmId } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');
    exhibitorId = res.body.id;
    const again = await api.call('POST', `/events/${fairId}/exhibitors`, { token: owner, body: { firmId } });
    expect(again.body.id).toBe(exhibitorId);
    expect((await api.call('GET', `/events/${fairId}/exhibitors`)).body.items).toEqual([]);
    expect((await api.call('GET', `/events/${fairId}/exhibitors`, { token: organiser })).body.items).toHaveLength(1);
  });

  it('refuses exhibitors at a seminar (422)', async () => {
    const seminar = await publishedEvent(api, organiser, seminarInput());
    const res = await api.call('POST', `/events/${seminar}/exhibitors`, { token: owner, body: { firmId } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('event.not_fair');
  });

  it('lets only the fair’s organisers decide, and only approved exhibitors offer slots', async () => {
    const slot = { startsAt: '2027-10-01T02:00:00Z', endsAt: '2027-10-01T02:30:00Z' };
    expect((await api.call('POST', `/exhibitors/${exhibitorId}/slots`, { token: owner, body: slot })).status).toBe(409);
    expect((await api.call('POST', `/exhibitors/${exhibitorId}/approve`, { token: owner })).status).toBe(403);
    expect((await api.call('POST', `/exhibitors/${exhibitorId}/approve`, { token: experts[0] })).status).toBe(403);
    const approved = await api.call('POST', `/exhibitors/${exhibitorId}/approve`, { token: organiser });
    expect(approved.body.status).toBe('approved');
    expect((await api.call('GET', `/events/${fairId}/exhibitors`)).body.items).toHaveLength(1);
    expect((await api.call('POST', `/exhibitors/${exhibitorId}/slots`, { token: outsider, body: slot })).status).toBe(403);
    const created = await api.call('POST', `/exhibitors/${exhibitorId}/slots`, { token: owner, body: slot });
    expect(created.status).toBe(201);
    slotId = created.body.id;
  });

  it('refuses slots outside the fair (422) and backwards slots (400)', async () => {
    const outside = await api.call('POST', `/exhibitors/${exhibitorId}/slots`, {
      token: owner,
      body: { startsAt: '2027-10-01T09:30:00Z', endsAt: '2027-10-01T10:30:00Z' },
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('slot.outside_event');
    const backwards = await api.call('POST', `/exhibitors/${exhibitorId}/slots`, {
      token: owner,
      body: { startsAt: '2027-10-01T03:00:00Z', endsAt: '2027-10-01T02:00:00Z' },
    });
    expect(backwards.status).toBe(400);
  });

  it('gives a slot to exactly one of five experts booking at once; the rest get 409', async () => {
    const answers = await Promise.all(experts.map((token) => api.call('POST', `/slots/${slotId}/booking`, { token })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(Array(4).fill('slot.taken'));
    const slots = await api.call('GET', `/events/${fairId}/slots`);
    expect(slots.body.items[0]).toMatchObject({ id: slotId, booked: true, bookedByYou: false });
  });

  it('refuses a second, overlapping slot for the same expert but allows a later one', async () => {
    const holder = (await Promise.all(experts.map(async (token) => ({ token, res: await api.call('GET', `/events/${fairId}/slots`, { token }) }))))
      .find((x) => x.res.body.items[0].bookedByYou)?.token as string;
    const overlapping = await api.call('POST', `/exhibitors/${exhibitorId}/slots`, {
      token: owner,
      body: { startsAt: '2027-10-01T02:15:00Z', endsAt: '2027-10-01T02:45:00Z' },
    });
    const clash = await api.call('POST', `/slots/${overlapping.body.id}/booking`, { token: holder });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('slot.overlap');
    const later = await api.call('POST', `/exhibitors/${exhibitorId}/slots`, {
      token: owner,
      body: { startsAt: '2027-10-01T03:00:00Z', endsAt: '2027-10-01T03:30:00Z' },
    });
    expect((await api.call('POST', `/slots/${later.body.id}/booking`, { token: holder })).status).toBe(200);
    expect((await api.call('DELETE', `/slots/${slotId}/booking`, { token: outsider })).status).toBe(403);
    const freed = await api.call('DELETE', `/slots/${slotId}/booking`, { token: holder });
    expect(freed.body).toMatchObject({ booked: false });
    expect((await api.call('POST', `/slots/${overlapping.body.id}/booking`, { token: holder })).status).toBe(200);
  });

  it('lets only experts book (403), and signed-in people only (401)', async () => {
    const slot = await api.call('POST', `/exhibitors/${exhibitorId}/slots`, {
      token: owner,
      body: { startsAt: '2027-10-01T05:00:00Z', endsAt: '2027-10-01T05:30:00Z' },
    });
    const res = await api.call('POST', `/slots/${slot.body.id}/booking`, { token: outsider });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('slot.experts_only');
    expect((await api.call('POST', `/slots/${slot.body.id}/booking`)).status).toBe(401);
    expect((await api.call('POST', '/slots/000000000000000000000000/booking', { token: experts[0] })).status).toBe(404);
  });
});
