import { SYSTEM_ACTOR } from '../../../src/domain/auth/access.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { Types } from 'mongoose';
import { createRequestInput } from '../../../src/domain/requests/request.schemas.js';
import { requestInput } from '../../support/fixtures.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const TTL_MS = 600;
const slugsOf = (answer: { body: { items: { slug: string }[] } }) => answer.body.items.map((c) => c.slug);

describe('public answers to anonymous callers are shared for a moment', () => {
  let api: TestApi;
  let admin: string;
  let member: string;
  beforeAll(async () => {
    api = await startTestApi({ ...noRateLimits, API_ANONYMOUS_CACHE_MS: String(TTL_MS) });
    admin = await api.tokenFor(['admin']);
    member = await api.tokenFor([]);
  });
  afterAll(async () => {
    await api.stop();
  });

  // A change made by another process (here: straight through the domain, not this API).
  const categoryFromElsewhere = (slug: string) => api.service.services.forum.categories.create(SYSTEM_ACTOR, { slug, name: { en: slug }, description: {}, position: 0 });

  it('shows a change made elsewhere to anonymous callers within the cache time, and to signed-in callers at once', async () => {
    await api.call('GET', '/forum/categories');
    await categoryFromElsewhere('from-another-process');
    expect(slugsOf(await api.call('GET', '/forum/categories'))).not.toContain('from-another-process');
    expect(slugsOf(await api.call('GET', '/forum/categories', { token: member }))).toContain('from-another-process');
    await expect
      .poll(async () => slugsOf(await api.call('GET', '/forum/categories')), { timeout: TTL_MS * 5, interval: TTL_MS / 4 })
      .toContain('from-another-process');
  });

  it('shows a write made through this API on the very next anonymous read', async () => {
    await api.call('GET', '/forum/categories');
    const created = await must(api.call('POST', '/forum/categories', { token: admin, body: { slug: 'written-here', name: { vi: 'Ở đây' } } }));
    const after = await api.call('GET', '/forum/categories');
    expect(slugsOf(after)).toContain('written-here');
    expect(created.slug).toBe('written-here');
  });

  it("shares answers with signed-in callers where they do not depend on who asks, and keeps a firm's own listing its own", async () => {
    const owner = await api.tokenFor([], 'Firm owner');
    const firm = await must(api.call('POST', '/firms', { token: owner, body: { name: 'Shared Soft', sector: 'software', size: '1-10', city: 'Huế' } }), 201);
    await must(api.call('PUT', `/firms/${firm.id}/verification`, { token: admin, body: { verified: true } }), 200);
    const titlesOf = (answer: { body: { items: { title: { en?: string } }[] } }) => answer.body.items.map((r) => r.title.en);

    // A change made elsewhere, as the firm's owner (straight through the domain, not this API).
    const asOwner = { userId: new Types.ObjectId((await must(api.call('GET', '/me', { token: owner }), 200)).id as string), roles: [], locale: 'en' as const };
    const firmId = new Types.ObjectId(firm.id as string);
    const elsewhere = (title: string) => api.service.services.requests.create(asOwner, firmId, createRequestInput.parse({ ...requestInput, title: { en: title } }));

    // A signed-in reader's answer is the shared one: a request opened elsewhere shows within the cache time.
    await must(api.call('GET', '/requests', { token: member }), 200);
    await api.service.services.requests.transition(asOwner, (await elsewhere('Opened elsewhere'))._id, 'publish');
    expect(titlesOf(await api.call('GET', '/requests', { token: member }))).not.toContain('Opened elsewhere');
    await expect.poll(async () => titlesOf(await api.call('GET', '/requests', { token: member })), { timeout: TTL_MS * 5, interval: TTL_MS / 4 }).toContain('Opened elsewhere');

    // The firm's own listing shows its members their drafts at once, never a shared answer.
    await must(api.call('GET', `/requests?firmId=${firm.id}`, { token: owner }), 200);
    await elsewhere('Draft elsewhere');
    expect(titlesOf(await api.call('GET', `/requests?firmId=${firm.id}`, { token: owner }))).toContain('Draft elsewhere');
    expect(titlesOf(await api.call('GET', `/requests?firmId=${firm.id}`, { token: member }))).not.toContain('Draft elsewhere');

    // A signed-in caller's own write through this API shows on their very next read.
    const draft = await must(api.call('POST', `/firms/${firm.id}/requests`, { token: owner, body: { ...requestInput, title: { en: 'Written here' } } }), 201);
    await must(api.call('POST', `/requests/${draft.id}/publish`, { token: owner }), 200);
    expect(titlesOf(await api.call('GET', '/requests', { token: owner }))).toContain('Written here');
  });

  it('keeps each language apart', async () => {
    const categoryId = await createCategory(api, admin);
    const author = await api.tokenFor([]);
    const threadId = await createThread(api, author, categoryId);
    const postId = await reply(api, author, threadId, 'sẽ bị xoá');
    await must(api.call('DELETE', `/forum/posts/${postId}`, { token: author }), 204);
    const en = await must(api.call('GET', `/forum/threads/${threadId}/posts`, { lang: 'en' }), 200);
    const vi = await must(api.call('GET', `/forum/threads/${threadId}/posts`, { lang: 'vi' }), 200);
    expect(en.items[0].body).not.toBe(vi.items[0].body);
    expect(en.items[0].body).not.toContain('sẽ bị xoá');
  });

  it('answers 304 to a caller who already holds the same answer', async () => {
    const first = await fetch(`${api.url}/api/v1/forum/categories`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // A browser revalidating sends max-age=0; fetch() would otherwise add no-cache, which forbids a 304.
    const again = await fetch(`${api.url}/api/v1/forum/categories`, { headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' } });
    expect(again.status).toBe(304);
  });

  it('never keeps an error: a missing thread that appears is found on the next read', async () => {
    const missing = await api.call('GET', '/forum/threads/64b000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBeTruthy();
    const bad = await api.call('GET', '/forum/threads?limit=999999');
    expect(bad.status).toBe(400);
  });
});

describe('with the cache off', () => {
  it('shows a change made elsewhere to anonymous callers at once', async () => {
    const api = await startTestApi({ ...noRateLimits, API_ANONYMOUS_CACHE_MS: '0' });
    try {
      await api.call('GET', '/forum/categories');
      await api.service.services.forum.categories.create(SYSTEM_ACTOR, { slug: 'no-cache', name: { en: 'x' }, description: {}, position: 0 });
      expect(slugsOf(await api.call('GET', '/forum/categories'))).toContain('no-cache');
    } finally {
      await api.stop();
    }
  });
});
