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
    expert = await api.tokenFor([], 'Dr. Minh (Berlin)');
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
});
