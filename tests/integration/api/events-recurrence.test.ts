import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

// 10:00 Berlin on 27 March: winter time in 2027 (09:00Z), summer time in 2028 (08:00Z).
const fair = seminarInput({
  kind: 'fair',
  title: { vi: 'Hội chợ CNTT Việt–Đức 2027', en: 'Vietnam–Germany IT Fair 2027' },
  body: { en: 'The 2027 edition, running since 2019.' },
  startsAt: '2027-03-27T09:00:00Z',
  endsAt: '2027-03-27T16:00:00Z',
  timezone: 'Europe/Berlin',
  place: { venue: 'Messe', city: 'Berlin' },
  capacity: 500,
});

describe('events: yearly editions of fairs', () => {
  let api: TestApi;
  let organiser: string;
  let member: string;
  let fairId: string;
  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser']);
    member = await api.tokenFor([]);
    fairId = await createEvent(api, organiser, fair);
  });
  afterAll(async () => {
    await api.stop();
  });

  it('drafts next year’s edition at the same local time, with the year in its titles updated', async () => {
    const res = await api.call('POST', `/events/${fairId}/next-edition`, { token: organiser });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      kind: 'fair',
      title: { vi: 'Hội chợ CNTT Việt–Đức 2028', en: 'Vietnam–Germany IT Fair 2028' },
      body: { en: 'The 2028 edition, running since 2019.' },
      startsAt: '2028-03-27T08:00:00.000Z',
      endsAt: '2028-03-27T15:00:00.000Z',
      timezone: 'Europe/Berlin',
      capacity: 500,
      seriesId: fairId,
      editionYear: 2028,
      seats: { going: 0, waitlisted: 0 },
    });
    expect((await api.call('GET', `/events/${fairId}`, { token: organiser })).body).toMatchObject({ seriesId: fairId, editionYear: 2027 });
  });

  it('is idempotent: asking again, even many times at once, returns the same edition', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => api.call('POST', `/events/${fairId}/next-edition`, { token: organiser })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await api.service.connection.collection('events').countDocuments({ seriesId: { $exists: true } })).toBe(2);
  });

  it('chains editions in one series', async () => {
    const next = (await api.call('POST', `/events/${fairId}/next-edition`, { token: organiser })).body.id as string;
    const third = await api.call('POST', `/events/${next}/next-edition`, { token: organiser });
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ seriesId: fairId, editionYear: 2029, title: { en: 'Vietnam–Germany IT Fair 2029' } });
    expect(third.body.startsAt).toBe('2029-03-27T08:00:00.000Z'); // summer time began on 25 March 2029
  });

  it('is for organisers of the fair only, and for fairs and exhibitions only', async () => {
    expect((await api.call('POST', `/events/${fairId}/next-edition`, { token: member })).status).toBe(404);
    expect((await api.call('POST', `/events/${fairId}/next-edition`)).status).toBe(401);
    const seminar = await createEvent(api, organiser, seminarInput());
    const res = await api.call('POST', `/events/${seminar}/next-edition`, { token: organiser });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('event.not_recurring');
  });
});
