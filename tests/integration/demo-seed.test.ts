import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/service.js';

describe.skipIf(Boolean(process.env.MONGODB_URI))('demo content on a fresh embedded database', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ SEED_DEMO: 'true' });
    await api.service.seeded;
  });
  afterAll(async () => {
    await api.stop();
  });

  it('shows experts in several countries, verified firms and open requests', async () => {
    const experts = await api.call('GET', '/experts?limit=50');
    const countries = new Set(experts.body.items.map((e: { country: string }) => e.country));
    expect(countries.size).toBeGreaterThanOrEqual(4);
    const firms = await api.call('GET', '/firms?verified=true');
    expect(firms.body.items.length).toBeGreaterThanOrEqual(2);
    const requests = await api.call('GET', '/requests');
    expect(requests.body.items.length).toBeGreaterThanOrEqual(3);
    expect(requests.body.items.every((r: { title: { vi?: string; en?: string } }) => r.title.vi && r.title.en)).toBe(true);
  });

  it('has an upcoming seminar and this year’s IT fair', async () => {
    const events = await api.call('GET', '/events');
    const kinds = events.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['seminar', 'fair']));
  });

  it('opens the forum with categories and bilingual conversations, found without diacritics', async () => {
    const categories = await api.call('GET', '/forum/categories');
    expect(categories.body.items.length).toBeGreaterThanOrEqual(3);
    const threads = await api.call('GET', '/forum/threads');
    expect(new Set(threads.body.items.map((t: { locale: string }) => t.locale))).toEqual(new Set(['vi', 'en']));
    expect(threads.body.items.some((t: { replyCount: number }) => t.replyCount > 0)).toBe(true);
    const found = await api.call('GET', `/forum/threads?q=${encodeURIComponent('hoi cho da nang')}`);
    expect(found.body.items[0].title).toContain('Hội chợ CNTT');
  });

  it('finds the Kubernetes request by free text', async () => {
    const requests = await api.call('GET', `/requests?q=${encodeURIComponent('kubernetes')}`);
    expect(requests.body.items.length).toBeGreaterThanOrEqual(1);
  });
});
