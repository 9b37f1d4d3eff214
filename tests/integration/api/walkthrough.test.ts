import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/service.js';

// The steps of docs/api-walkthrough.md, in order, as a new user would run them.
describe('walkthrough: a firm and an expert meet', () => {
  let api: TestApi;
  let admin: string;
  let firm: string;
  let expert: string;
  let firmId: string;
  let requestId: string;
  let introId: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor(['admin'], 'Ops');
    firm = await api.tokenFor([], 'Chị Lan (Sông Hàn Tech)');
    // As in the walkthrough: the expert's token has the expert role (booking fair slots needs it).
    expert = await api.tokenFor(['expert'], 'Dr. Minh (Berlin)');
  });
  afterAll(async () => {
    await api.stop();
  });

  it('1. people set their private contact details', async () => {
    expect((await api.call('PATCH', '/me', { token: firm, body: { contact: { email: 'lan@songhan.vn' } } })).status).toBe(200);
    const res = await api.call('PATCH', '/me', {
      token: expert,
      body: { timezone: 'Europe/Berlin', contact: { email: 'minh@example.de', telegram: '@minh_k8s' } },
    });
    expect(res.status).toBe(200);
  });

  it('2. a firm is registered and verified', async () => {
    const created = await api.call('POST', '/firms', {
      token: firm,
      body: { name: 'Sông Hàn Tech', sector: 'software', size: '51-200', city: 'Đà Nẵng', website: 'https://songhan.vn' },
    });
    firmId = created.body.id;
    const verified = await api.call('PUT', `/firms/${firmId}/verification`, { token: admin, body: { verified: true } });
    expect(verified.body.verified).toBe(true);
  });

  it('3. a request is drafted and published', async () => {
    const draft = await api.call('POST', `/firms/${firmId}/requests`, {
      token: firm,
      body: {
        title: { vi: 'Tư vấn chuyển đổi lên Kubernetes', en: 'Kubernetes migration consulting' },
        body: { vi: 'Cần chuyên gia giúp chuyển hệ thống lên k8s.', en: 'Help us move our platform to k8s.' },
        skillsMust: ['k8s', 'Go'],
        skillsNice: ['AWS'],
        engagementType: 'remote_consulting',
        workMode: 'remote',
      },
    });
    requestId = draft.body.id;
    expect(draft.body.skillsMust).toEqual(['kubernetes', 'go']);
    expect((await api.call('POST', `/requests/${requestId}/publish`, { token: firm })).body.status).toBe('open');
  });

  it('4. the expert creates a profile and both sides see the match with its reasons', async () => {
    const profile = await api.call('PUT', '/experts/me', {
      token: expert,
      body: {
        headline: 'Platform engineer, 10 years of Kubernetes in Germany',
        skills: ['kubernetes', 'golang', 'aws'],
        languages: ['vi', 'en', 'de'],
        country: 'DE',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        engagementTypes: ['remote_consulting', 'mentoring'],
      },
    });
    expect(profile.status).toBe(201);
    const mine = await api.call('GET', '/me/matches', { token: expert });
    expect(mine.body.items[0].request.id).toBe(requestId);
    expect(mine.body.items[0].explanation).toMatchObject({ matchedMust: ['kubernetes', 'go'], engagementMatches: true });
    expect(mine.body.items[0].reasons).toMatch(/^Has 2 of 2 must-have skills \(kubernetes, go\)/);
    const theirs = await api.call('GET', `/requests/${requestId}/matches`, { token: firm, lang: 'vi' });
    expect(theirs.body.items[0].expert.displayName).toBe('Dr. Minh (Berlin)');
    expect(theirs.body.items[0].score).toBeGreaterThanOrEqual(90);
    expect(theirs.body.items[0].reasons).toMatch(/^Có 2\/2 kỹ năng bắt buộc/);
    expect(JSON.stringify(theirs.body)).not.toContain('minh@example.de');
  });

  it('5. interest, acceptance, and only then contacts', async () => {
    const interest = await api.call('POST', `/requests/${requestId}/interest`, {
      token: expert,
      body: { message: 'Tôi đã làm việc này nhiều lần.' },
    });
    introId = interest.body.id;
    expect((await api.call('GET', `/introductions/${introId}`, { token: firm })).body.contacts).toBeNull();
    expect((await api.call('POST', `/introductions/${introId}/accept`, { token: firm })).status).toBe(200);
    const contacts = (await api.call('GET', `/introductions/${introId}`, { token: expert })).body.contacts;
    expect(contacts).toEqual({
      expert: { displayName: 'Dr. Minh (Berlin)', email: 'minh@example.de', telegram: '@minh_k8s' },
      firm: {
        name: 'Sông Hàn Tech',
        website: 'https://songhan.vn',
        person: { displayName: 'Chị Lan (Sông Hàn Tech)', email: 'lan@songhan.vn' },
      },
    });
  });

  it('6. a fair: the firm exhibits, offers a slot, and the expert books it', async () => {
    const fair = await api.call('POST', '/events', {
      token: admin,
      body: {
        kind: 'fair',
        title: { vi: 'Hội chợ CNTT Đà Nẵng 2027', en: 'Da Nang IT Fair 2027' },
        body: { vi: 'Doanh nghiệp phần mềm gặp chuyên gia kiều bào.', en: 'Software firms meet overseas experts.' },
        startsAt: '2027-10-01T01:00:00Z',
        endsAt: '2027-10-01T10:00:00Z',
        timezone: 'Asia/Ho_Chi_Minh',
        place: { venue: 'Trung tâm Hội nghị', address: '1 Bạch Đằng', city: 'Đà Nẵng' },
      },
    });
    expect(fair.status).toBe(201);
    const fairId = fair.body.id as string;
    expect((await api.call('POST', `/events/${fairId}/publish`, { token: admin })).body.status).toBe('published');
    const exhibitor = await api.call('POST', `/events/${fairId}/exhibitors`, { token: firm, body: { firmId } });
    expect(exhibitor.body.status).toBe('pending');
    expect((await api.call('POST', `/exhibitors/${exhibitor.body.id}/approve`, { token: admin })).body.status).toBe('approved');
    const slot = await api.call('POST', `/exhibitors/${exhibitor.body.id}/slots`, {
      token: firm,
      body: { startsAt: '2027-10-01T02:00:00Z', endsAt: '2027-10-01T02:30:00Z' },
    });
    expect(slot.status).toBe(201);
    expect((await api.call('POST', `/slots/${slot.body.id}/booking`, { token: expert })).status).toBe(200);
    const slots = await api.call('GET', `/events/${fairId}/slots`);
    expect(slots.body.items).toEqual([expect.objectContaining({ id: slot.body.id, booked: true })]);
  });

  it('7. a broadcast on an install without bots counts the expert as unreachable, and is cancelled before it goes out', async () => {
    const preview = await api.call('POST', '/broadcasts/preview', {
      token: admin,
      body: { segment: { audience: 'experts', countries: ['DE'], skills: ['k8s'] } },
    });
    expect(preview.body).toEqual({ recipients: 0, telegram: 0, discord: 0, unreachable: 1 });
    const created = await api.call('POST', '/broadcasts', {
      token: admin,
      body: {
        segment: { audience: 'experts', countries: ['DE'] },
        text: { vi: 'Hội chợ CNTT mở cửa thứ Bảy.', en: 'The IT fair opens on Saturday.' },
        sendAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const detail = await api.call('GET', `/broadcasts/${created.body.id}`, { token: admin });
    expect(detail.body.progress).toHaveProperty('telegram');
    expect((await api.call('POST', `/broadcasts/${created.body.id}/cancel`, { token: admin })).status).toBe(200);
  });
});
