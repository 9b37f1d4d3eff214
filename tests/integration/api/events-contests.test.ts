import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('events: contests', () => {
  let api: TestApi;
  let organiser: string;
  let alice: string;
  let bob: string;
  let contestId: string;
  let entries: string[];
  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser']);
    alice = await api.tokenFor([], 'Alice');
    bob = await api.tokenFor([], 'Bob');
    const now = Date.now();
    contestId = await publishedEvent(api, organiser, seminarInput({
      kind: 'contest',
      title: { vi: 'Cuộc thi phần mềm nguồn mở', en: 'Open-source software contest' },
      place: undefined,
      onlineUrl: 'https://contest.example.vn',
      startsAt: iso(now + 24 * hour),
      endsAt: iso(now + 48 * hour),
      contest: { opensAt: iso(now - hour), closesAt: iso(now + 12 * hour) },
    }));
    entries = [];
  });
  afterAll(async () => {
    await api.stop();
  });

  it('takes one entry per person while open, editable until it closes', async () => {
    const entry = { title: 'Bộ gõ tiếng Việt', link: 'https://github.com/example/bogo' };
    const first = await api.call('PUT', `/events/${contestId}/submissions/mine`, { token: alice, body: entry });
    expect(first.status).toBe(201);
    const edit = await api.call('PUT', `/events/${contestId}/submissions/mine`, { token: alice, body: { ...entry, description: 'v2' } });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ id: first.body.id, description: 'v2' });
    const second = await api.call('PUT', `/events/${contestId}/submissions/mine`, { token: bob, body: { title: 'OCR', link: 'https://ocr.example.vn' } });
    entries = [second.body.id, first.body.id];
    expect((await api.call('GET', `/events/${contestId}/submissions`, { token: alice })).body.items).toHaveLength(1);
    expect((await api.call('GET', `/events/${contestId}/submissions`, { token: organiser })).body.items).toHaveLength(2);
  });

  it('refuses bad entries (400) and entries to events that are not contests (422)', async () => {
    const http = await api.call('PUT', `/events/${contestId}/submissions/mine`, { token: bob, body: { title: 'x', link: 'http://x.example.vn' } });
    expect(http.status).toBe(400);
    const seminar = await publishedEvent(api, organiser, seminarInput());
    const res = await api.call('PUT', `/events/${seminar}/submissions/mine`, { token: bob, body: { title: 'x', link: 'https://x.example.vn' } });
    expect(res.status).toBe(422);
  });

  it('keeps results hidden and unpublishable while submissions are open', async () => {
    expect((await api.call('GET', `/events/${contestId}/results`)).status).toBe(404);
    const early = await api.call('POST', `/events/${contestId}/results`, { token: organiser, body: { ranking: [{ submissionId: entries[0] }] } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('contest.still_open');
  });

  it('refuses entries once the window has closed', async () => {
    const now = Date.now();
    const closed = await api.call('PATCH', `/events/${contestId}`, {
      token: organiser,
      body: { contest: { opensAt: iso(now - 2 * hour), closesAt: iso(now - hour) } },
    });
    expect(closed.status).toBe(200);
    const late = await api.call('PUT', `/events/${contestId}/submissions/mine`, { token: bob, body: { title: 'late', link: 'https://late.example.vn' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('contest.closed');
  });

  it('publishes a ranking with prizes, by organisers only, visible to everyone afterwards', async () => {
    const ranking = [{ submissionId: entries[0], prize: 'Giải nhất / First prize' }, { submissionId: entries[1] }];
    expect((await api.call('POST', `/events/${contestId}/results`, { token: alice, body: { ranking } })).status).toBe(403);
    const unknown = await api.call('POST', `/events/${contestId}/results`, { token: organiser, body: { ranking: [{ submissionId: contestId }] } });
    expect(unknown.status).toBe(422);
    const dup = await api.call('POST', `/events/${contestId}/results`, { token: organiser, body: { ranking: [ranking[1], ranking[1]] } });
    expect(dup.status).toBe(400);
    expect((await api.call('POST', `/events/${contestId}/results`, { token: organiser, body: { ranking } })).status).toBe(200);
    const results = await api.call('GET', `/events/${contestId}/results`);
    expect(results.body.items.map((r: { rank: number; prize?: string; submission: { title: string } }) => [r.rank, r.prize, r.submission.title])).toEqual([
      [1, 'Giải nhất / First prize', 'OCR'],
      [2, undefined, 'Bộ gõ tiếng Việt'],
    ]);
    expect((await api.call('GET', `/events/${contestId}`)).body.contest.resultsPublished).toBe(true);
  });
});
