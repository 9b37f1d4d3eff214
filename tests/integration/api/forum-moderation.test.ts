import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('forum: locked and hidden content, members vs moderators', () => {
  let api: TestApi;
  let lan: string;
  let minh: string;
  let moderator: string;
  let admin: string;
  let categoryId: string;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    lan = await api.tokenFor([], 'Chị Lan');
    minh = await api.tokenFor([], 'Anh Minh');
    moderator = await api.tokenFor(['moderator']);
    admin = await api.tokenFor(['admin']);
    categoryId = await createCategory(api, admin);
  });
  afterAll(async () => {
    await api.stop();
  });
  const moderate = (path: string, body: unknown, token = moderator) => api.call('PUT', `${path}/moderation`, { token, body });

  it('refuses new replies in a locked thread with 409, except from moderators', async () => {
    const threadId = await createThread(api, lan, categoryId);
    expect((await moderate(`/forum/threads/${threadId}`, { locked: true })).body.locked).toBe(true);
    const refused = await api.call('POST', `/forum/threads/${threadId}/posts`, { token: minh, body: { body: 'Muộn rồi' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('forum.thread_locked');
    expect((await api.call('POST', `/forum/threads/${threadId}/posts`, { token: moderator, body: { body: 'Đã khóa.' } })).status).toBe(201);
    expect((await must(api.call('GET', `/forum/threads/${threadId}`), 200)).replyCount).toBe(1);
    await moderate(`/forum/threads/${threadId}`, { locked: false });
    expect((await api.call('POST', `/forum/threads/${threadId}/posts`, { token: minh, body: { body: 'Mở lại' } })).status).toBe(201);
  });

  it('makes a hidden thread look missing (404) to members, anonymous callers and its author', async () => {
    const threadId = await createThread(api, lan, categoryId, { title: 'Ẩn đi' });
    await must(moderate(`/forum/threads/${threadId}`, { hidden: true }), 200);
    for (const token of [undefined, minh, lan]) {
      const res = await api.call('GET', `/forum/threads/${threadId}`, token ? { token } : {});
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('forum.thread_not_found');
    }
    expect((await api.call('POST', `/forum/threads/${threadId}/posts`, { token: lan, body: { body: 'x' } })).status).toBe(404);
    const memberList = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`, { token: minh }), 200);
    expect(memberList.items.map((t: { id: string }) => t.id)).not.toContain(threadId);
    const modList = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`, { token: moderator }), 200);
    expect(modList.items.find((t: { id: string }) => t.id === threadId)).toMatchObject({ hidden: true });
    expect((await api.call('GET', `/forum/threads/${threadId}`, { token: admin })).status).toBe(200);
  });

  it('hides a reply from everyone but moderators', async () => {
    const threadId = await createThread(api, lan, categoryId);
    const postId = await reply(api, minh, threadId, 'Quảng cáo');
    await reply(api, lan, threadId, 'Bình thường');
    expect((await moderate(`/forum/posts/${postId}`, { hidden: true })).status).toBe(200);
    const member = await must(api.call('GET', `/forum/threads/${threadId}/posts`, { token: minh }), 200);
    expect(member.items.map((p: { body: string }) => p.body)).toEqual(['Bình thường']);
    const mod = await must(api.call('GET', `/forum/threads/${threadId}/posts`, { token: moderator }), 200);
    expect(mod.items).toHaveLength(2);
    expect((await api.call('PATCH', `/forum/posts/${postId}`, { token: minh, body: { body: 'sửa' } })).status).toBe(404);
  });

  it('moves a thread to another category, and refuses an unknown one', async () => {
    const threadId = await createThread(api, lan, categoryId);
    const other = await createCategory(api, admin, 'AI');
    expect((await must(moderate(`/forum/threads/${threadId}`, { categoryId: other }), 200)).categoryId).toBe(other);
    const listed = await must(api.call('GET', `/forum/threads?categoryId=${other}`), 200);
    expect(listed.items.map((t: { id: string }) => t.id)).toEqual([threadId]);
    expect((await moderate(`/forum/threads/${threadId}`, { categoryId: '665f1c2e8b3e4a0012345678' })).status).toBe(404);
  });

  it('lets only moderators and admins use the moderation switches', async () => {
    const threadId = await createThread(api, lan, categoryId);
    expect((await moderate(`/forum/threads/${threadId}`, { pinned: true }, lan)).status).toBe(403);
    expect((await moderate(`/forum/threads/${threadId}`, { pinned: true }, admin)).status).toBe(200);
    expect((await moderate(`/forum/threads/${threadId}`, {})).status).toBe(400);
  });
});
