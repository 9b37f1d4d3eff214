import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

// Long enough that a loaded machine still reads twice within it; the poll below waits at most five times it.
const TTL_MS = 1500;

interface ListedThread {
  id: string;
  title: string;
  replyCount: number;
  unreadReplies?: number;
}

describe('forum listing for signed-in readers: the shared page plus their own unread counts', () => {
  let api: TestApi;
  let admin: string;
  let author: string;
  beforeAll(async () => {
    api = await startTestApi({ ...noRateLimits, API_ANONYMOUS_CACHE_MS: String(TTL_MS) });
    admin = await api.tokenFor(['admin']);
    author = await api.tokenFor([], 'Chị Lan');
  });
  afterAll(async () => {
    await api.stop();
  });

  const list = async (path: string, token?: string): Promise<ListedThread[]> => (await must(api.call('GET', path, token ? { token } : {}), 200)).items;
  const unreadIn = async (path: string, token: string, threadId: string) => (await list(path, token)).find((t) => t.id === threadId)?.unreadReplies;
  const userIdOf = async (token: string) => new Types.ObjectId((await must(api.call('GET', '/me', { token }), 200)).id as string);

  it("counts each reader's own unread replies, right after they read and right after someone replies", async () => {
    const categoryId = await createCategory(api, admin);
    const page = `/forum/threads?categoryId=${categoryId}`;
    const search = `/forum/threads?q=${encodeURIComponent('đà nẵng')}&categoryId=${categoryId}`;
    const [lan, minh] = [await api.tokenFor([], 'Lan reader'), await api.tokenFor([], 'Minh reader')];
    const threadId = await createThread(api, author, categoryId);
    await reply(api, author, threadId);
    await reply(api, author, threadId);

    for (const path of [page, search]) {
      expect(await unreadIn(path, lan, threadId)).toBe(2);
      expect(await unreadIn(path, minh, threadId)).toBe(2);
      expect((await list(path)).find((t) => t.id === threadId)).not.toHaveProperty('unreadReplies');
    }

    // Lan reads the thread: her counts drop at once, Minh's do not.
    await must(api.call('POST', `/forum/threads/${threadId}/read`, { token: lan }), 204);
    expect(await unreadIn(page, lan, threadId)).toBe(0);
    expect(await unreadIn(search, lan, threadId)).toBe(0);
    expect(await unreadIn(page, minh, threadId)).toBe(2);

    // Minh reads it elsewhere (a bot in another process): the shared page is still kept, yet his count is current.
    await api.call('GET', page, { token: minh });
    await api.service.services.forum.threads.markSeen(await userIdOf(minh), new Types.ObjectId(threadId), 2);
    expect(await unreadIn(page, minh, threadId)).toBe(0);

    // A reply through the API shows in both readers' counts on their very next read.
    await reply(api, author, threadId);
    expect(await unreadIn(page, lan, threadId)).toBe(1);
    expect(await unreadIn(search, minh, threadId)).toBe(1);
    expect((await list(page, lan)).find((t) => t.id === threadId)?.replyCount).toBe(3);
  });

  it('shows a thread started elsewhere within the cache time, as anonymous readers see it, and to moderators at once', async () => {
    const categoryId = await createCategory(api, admin);
    const page = `/forum/threads?categoryId=${categoryId}`;
    const reader = await api.tokenFor([], 'Reader');
    const moderator = await api.tokenFor(['moderator'], 'Moderator');
    await createThread(api, author, categoryId, { title: 'Written here' });
    const elsewhere = { userId: await userIdOf(author), roles: [], locale: 'vi' as const };
    const titles = async (token?: string) => (await list(page, token)).map((t) => t.title);
    expect(await titles(reader)).toEqual(['Written here']);

    // Started elsewhere (straight through the domain, not this API): no write here clears the shared page.
    await api.service.services.forum.threads.create(elsewhere, {
      categoryId: new Types.ObjectId(categoryId),
      title: 'Started elsewhere',
      body: 'Từ bot',
      tags: [],
      locale: 'vi',
    });
    expect(await titles(reader)).not.toContain('Started elsewhere');
    expect(await titles(moderator)).toContain('Started elsewhere');
    await expect.poll(() => titles(reader), { timeout: TTL_MS * 5, interval: TTL_MS / 4 }).toContain('Started elsewhere');
    expect(await unreadIn(page, reader, (await list(page, reader))[0]?.id ?? '')).toBe(0);
  });

  it('lists hidden threads to moderators only, with their own unread counts', async () => {
    const categoryId = await createCategory(api, admin);
    const page = `/forum/threads?categoryId=${categoryId}`;
    const moderator = await api.tokenFor(['moderator'], 'Moderator');
    const reader = await api.tokenFor([], 'Reader');
    const hiddenId = await createThread(api, author, categoryId, { title: 'To hide' });
    await reply(api, author, hiddenId);
    await must(api.call('PUT', `/forum/threads/${hiddenId}/moderation`, { token: moderator, body: { hidden: true } }), 200);
    expect((await list(page, reader)).map((t) => t.id)).not.toContain(hiddenId);
    expect(await unreadIn(page, moderator, hiddenId)).toBe(1);
  });
});
