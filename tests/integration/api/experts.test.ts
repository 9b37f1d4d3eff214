import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/service.js';

const berlinExpert = {
  headline: 'Kỹ sư nền tảng đám mây tại Berlin',
  bio: { vi: 'Mười năm vận hành Kubernetes ở Đức, quê Đà Nẵng.', en: 'Ten years running Kubernetes in Germany.' },
  skills: ['K8s', 'Go', 'AWS'],
  languages: ['vi', 'en', 'de'],
  country: 'de',
  city: 'Berlin',
  timezone: 'Europe/Berlin',
  engagementTypes: ['remote_consulting', 'mentoring'],
};

describe('expert profiles and directory', () => {
  let api: TestApi;
  let berlin: string;
  let tokyo: string;
  beforeAll(async () => {
    api = await startTestApi();
    berlin = await api.tokenFor([], 'Trần Minh');
    tokyo = await api.tokenFor([], 'Lê Hoa');
    await api.call('PATCH', '/me', { token: berlin, body: { contact: { email: 'minh@example.de' } } });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('creates a profile with normalised skills and makes the user an expert', async () => {
    const res = await api.call('PUT', '/experts/me', { token: berlin, body: berlinExpert });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      displayName: 'Trần Minh',
      skills: ['kubernetes', 'go', 'amazon-web-services'],
      country: 'DE',
      availability: 'available',
    });
    const me = await api.call('GET', '/me', { token: berlin });
    expect(me.body.roles).toContain('expert');
  });

  it('replaces the profile on a second PUT (200) and patches single fields', async () => {
    const put = await api.call('PUT', '/experts/me', { token: berlin, body: { ...berlinExpert, availability: 'limited' } });
    expect(put.status).toBe(200);
    const patched = await api.call('PATCH', '/experts/me', { token: berlin, body: { hoursPerWeek: 10 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ availability: 'limited', hoursPerWeek: 10, city: 'Berlin' });
  });

  it('lists experts without ever exposing contacts', async () => {
    await api.call('PUT', '/experts/me', {
      token: tokyo,
      body: {
        headline: 'Data engineer in Tokyo',
        skills: ['python', 'spark'],
        languages: ['vi', 'ja'],
        country: 'JP',
        timezone: 'Asia/Tokyo',
        engagementTypes: ['long_term_placement'],
      },
    });
    const res = await api.call('GET', '/experts');
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { displayName: string }) => e.displayName).sort()).toEqual(['Lê Hoa', 'Trần Minh']);
    expect(JSON.stringify(res.body)).not.toContain('minh@example.de');
  });

  it('filters by skills using aliases, country, language and engagement type', async () => {
    const bySkill = await api.call('GET', '/experts?skills=kubernetes,golang');
    expect(bySkill.body.items.map((e: { displayName: string }) => e.displayName)).toEqual(['Trần Minh']);
    const byCountry = await api.call('GET', '/experts?country=jp');
    expect(byCountry.body.items.map((e: { displayName: string }) => e.displayName)).toEqual(['Lê Hoa']);
    const byLanguage = await api.call('GET', '/experts?language=de');
    expect(byLanguage.body.items).toHaveLength(1);
    const byType = await api.call('GET', '/experts?engagementType=long_term_placement');
    expect(byType.body.items.map((e: { displayName: string }) => e.displayName)).toEqual(['Lê Hoa']);
  });

  it('finds experts by free text typed without diacritics', async () => {
    const res = await api.call('GET', `/experts?q=${encodeURIComponent('da nang')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { displayName: string }) => e.displayName)).toEqual(['Trần Minh']);
  });

  it('pages through the directory with a cursor, without repeats', async () => {
    for (let i = 0; i < 5; i += 1) {
      const token = await api.tokenFor([], `Expert ${i}`);
      await api.call('PUT', '/experts/me', { token, body: { ...berlinExpert, headline: `Expert number ${i}` } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.call(
        'GET',
        `/experts?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('refuses bad input field by field', async () => {
    const res = await api.call('PUT', '/experts/me', {
      token: tokyo,
      body: { ...berlinExpert, country: 'Germany', languages: ['german'], engagementTypes: [], timezone: 'Berlin' },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.country', 'body.languages.0', 'body.engagementTypes', 'body.timezone']),
    );
    expect((await api.call('GET', '/experts?cursor=garbage')).status).toBe(400);
    expect((await api.call('GET', '/experts/not-an-id')).status).toBe(400);
    expect((await api.call('GET', '/experts/665f1c2e8b3e4a0012345678')).status).toBe(404);
  });

  it('suggests skill tags from aliases and existing profiles', async () => {
    const res = await api.call('GET', '/skills?q=k8');
    expect(res.body.items).toContain('kubernetes');
    const spark = await api.call('GET', '/skills?q=spa');
    expect(spark.body.items).toContain('spark');
  });
});
