import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EDIT_WINDOW_MS } from '../../../src/domain/forum/forum-access.js';
import { createForumServices } from '../../../src/domain/forum/forum-services.js';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('forum: editing, history and deletion', () => {
  let api: TestApi;
  let lan: string;
  let minh: string;
  let moderator: string;
  let categoryId: string;
  let clock: Date;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    // The forum services take `now`; swapping them in gives the API a clock the test moves.
    const { services, connection } = api.service;
    services.forum = createForumServices(connection, services.subscriptions, services.outbox, () => clock);
    lan = await api.tokenFor([], 'Chị Lan');
    minh = await api.tokenFor([], 'Anh Minh');
    moderator = await api.tokenFor(['moderator']);
    categoryId = await createCategory(api, await api.tokenFor(['admin']));
  });
  beforeEach(() => {
    clock = new Date();
  });
  afterAll(async () => {
    await api.stop();
  });
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  it('lets the author edit within the window, then only moderators', async () => {
    const threadId = await createThread(api, lan, categoryId);
    later(EDIT_WINDOW_MS - 1000);
    const edited = await must(api.call('PATCH', `/forum/threads/${threadId}`, { token: lan, body: { title: 'Hải Phòng' } }), 200);
    expect(edited.title).toBe('Hải Phòng');
    expect(edited.editedAt).not.toBeNull();
    later(2000);
    const late = await api.call('PATCH', `/forum/threads/${threadId}`, { token: lan, body: { title: 'Quá hạn' } });
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('forum.edit_window_closed');
    expect(late.body.error.message).toContain('30');
    const moderated = await api.call('PATCH', `/forum/threads/${threadId}`, { token: moderator, body: { body: 'Đã kiểm duyệt' } });
    expect(moderated.status).toBe(200);
    const other = await api.call('PATCH', `/forum/threads/${threadId}`, { token: minh, body: { title: 'Không phải của tôi' } });
    expect(other.status).toBe(403);
  });

  it('keeps every earlier version of a reply, for its author and moderators only', async () => {
    const threadId = await createThread(api, lan, categoryId);
    const postId = await reply(api, minh, threadId, 'Bản một');
    await must(api.call('PATCH', `/forum/posts/${postId}`, { token: minh, body: { body: 'Bản hai' } }), 200);
    await must(api.call('PATCH', `/forum/posts/${postId}`, { token: moderator, body: { body: 'Bản ba' } }), 200);
    const history = await must(api.call('GET', `/forum/posts/${postId}/history`, { token: minh }), 200);
    expect(history.items.map((r: { body: string; revision: number }) => [r.revision, r.body])).toEqual([
      [1, 'Bản hai'],
      [0, 'Bản một'],
    ]);
    expect((await api.call('GET', `/forum/posts/${postId}/history`, { token: moderator })).status).toBe(200);
    expect((await api.call('GET', `/forum/posts/${postId}/history`, { token: lan })).status).toBe(403);
  });

  it('keeps a thread edit history with titles and tags', async () => {
    const threadId = await createThread(api, lan, categoryId, { tags: ['go'] });
    await must(api.call('PATCH', `/forum/threads/${threadId}`, { token: lan, body: { tags: ['Rust'] } }), 200);
    const history = await must(api.call('GET', `/forum/threads/${threadId}/history`, { token: lan }), 200);
    expect(history.items).toEqual([expect.objectContaining({ revision: 0, title: 'Kubernetes ở Đà Nẵng', tags: ['go'] })]);
  });

  it('soft-deletes: the reply keeps its place and its count, its words become a placeholder', async () => {
    const threadId = await createThread(api, lan, categoryId);
    const postId = await reply(api, minh, threadId, 'Nội dung bí mật');
    expect((await api.call('DELETE', `/forum/posts/${postId}`, { token: lan })).status).toBe(403);
    expect((await api.call('DELETE', `/forum/posts/${postId}`, { token: minh })).status).toBe(204);
    const posts = await must(api.call('GET', `/forum/threads/${threadId}/posts`, { lang: 'vi' }), 200);
    expect(posts.items[0]).toMatchObject({ id: postId, deleted: true, body: '[Nội dung đã bị xóa]' });
    expect((await must(api.call('GET', `/forum/threads/${threadId}`), 200)).replyCount).toBe(1);
    const edit = await api.call('PATCH', `/forum/posts/${postId}`, { token: moderator, body: { body: 'x' } });
    expect(edit.body.error.code).toBe('forum.deleted');
  });

  it('soft-deletes a thread by a moderator: still listed, no longer searchable', async () => {
    const threadId = await createThread(api, lan, categoryId, { title: 'Chủ đề xóa được', body: 'độc nhất vô nhị' });
    expect((await api.call('DELETE', `/forum/threads/${threadId}`, { token: moderator })).status).toBe(204);
    const listed = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`), 200);
    expect(listed.items.find((t: { id: string }) => t.id === threadId)).toMatchObject({ deleted: true, title: '[This content was deleted]' });
    const found = await must(api.call('GET', '/forum/threads?q=doc%20nhat'), 200);
    expect(found.items).toEqual([]);
  });
});
