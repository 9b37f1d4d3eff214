import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { userModel } from '../../../src/domain/users/user.model.js';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('forum: posting and replying', () => {
  let api: TestApi;
  let admin: string;
  let lan: string;
  let minh: string;
  let categoryId: string;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    admin = await api.tokenFor(['admin']);
    lan = await api.tokenFor([], 'Chị Lan');
    minh = await api.tokenFor([], 'Anh Minh');
    categoryId = await createCategory(api, admin);
  });
  afterAll(async () => {
    await api.stop();
  });

  it('starts a thread with normalised tags, announces it, and makes the author follow it', async () => {
    const body = { categoryId, title: 'Kubernetes ở Đà Nẵng', body: '## Ai dùng *k8s*?', tags: ['K8s', 'React.js', 'k8s'], locale: 'vi' };
    const res = await api.call('POST', '/forum/threads', { token: lan, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: body.title, tags: ['kubernetes', 'react'], replyCount: 0, author: { displayName: 'Chị Lan' } });
    const notices = await noticeModel(api.service.connection).find({ 'subject.id': new Types.ObjectId(res.body.id as string) }).lean();
    expect(notices.map((n) => n.type)).toEqual(['forum.thread_created']);
    const subs = await must(api.call('GET', '/me/subscriptions', { token: lan }), 200);
    expect(subs.items).toContainEqual(expect.objectContaining({ kind: 'thread', value: res.body.id }));
  });

  it('counts replies, bumps the latest activity and announces each reply with the thread update', async () => {
    const threadId = await createThread(api, lan, categoryId);
    const before = await must(api.call('GET', `/forum/threads/${threadId}`), 200);
    await reply(api, minh, threadId, 'Một');
    await reply(api, lan, threadId, 'Hai');
    const after = await must(api.call('GET', `/forum/threads/${threadId}`), 200);
    expect(after.replyCount).toBe(2);
    expect(Date.parse(after.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(before.lastActivityAt));
    const posts = await must(api.call('GET', `/forum/threads/${threadId}/posts`), 200);
    expect(posts.items.map((p: { body: string }) => p.body)).toEqual(['Một', 'Hai']);
    const notices = await noticeModel(api.service.connection).find({ 'subject.id': new Types.ObjectId(threadId) }).lean();
    expect(notices.filter((n) => n.type === 'forum.reply_created')).toHaveLength(2);
  });

  it('refuses an unknown category with 404 and an over-long body with 400', async () => {
    const unknown = await api.call('POST', '/forum/threads', {
      token: lan,
      body: { categoryId: new Types.ObjectId().toHexString(), title: 'Xin chào', body: 'x', locale: 'vi' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('forum.category_not_found');
    const long = await api.call('POST', '/forum/threads', { token: lan, body: { categoryId, title: 'Dài', body: 'x'.repeat(20_001), locale: 'vi' } });
    expect(long.status).toBe(400);
  });

  it('keeps a banned user from posting, in the service as well as at the door', async () => {
    const user = await api.service.services.users.create({ displayName: 'Spammer' });
    const actor = { userId: user._id, roles: [], locale: 'en' as const };
    await userModel(api.service.connection).updateOne({ _id: user._id }, { $set: { status: 'banned' } });
    const input = { categoryId: new Types.ObjectId(categoryId), title: 'Mua bán', body: 'spam', tags: [], locale: 'vi' as const };
    await expect(api.service.services.forum.threads.create(actor, input)).rejects.toMatchObject({ code: 'user.banned' });
  });
});

describe('forum: listing by activity', () => {
  let api: TestApi;
  let admin: string;
  let lan: string;
  let moderator: string;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    admin = await api.tokenFor(['admin']);
    moderator = await api.tokenFor(['moderator']);
    lan = await api.tokenFor([], 'Chị Lan');
  });
  afterAll(async () => {
    await api.stop();
  });

  it('lists the most recently active first, and pinned threads first within their category', async () => {
    const categoryId = await createCategory(api, admin);
    const [a, b, c] = [
      await createThread(api, lan, categoryId, { title: 'Thread A' }),
      await createThread(api, lan, categoryId, { title: 'Thread B' }),
      await createThread(api, lan, categoryId, { title: 'Thread C' }),
    ];
    await reply(api, lan, a as string);
    await must(api.call('PUT', `/forum/threads/${b}/moderation`, { token: moderator, body: { pinned: true } }), 200);
    const page = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`), 200);
    expect(page.items.map((t: { id: string }) => t.id)).toEqual([b, a, c]);
    // Paging keeps the order across the pinned/unpinned boundary.
    const first = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}&limit=1`), 200);
    const rest = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}&limit=5&cursor=${first.nextCursor}`), 200);
    expect([...first.items, ...rest.items].map((t: { id: string }) => t.id)).toEqual([b, a, c]);
  });

  it('tells a signed-in reader how many replies are new, and forgets them once read', async () => {
    const categoryId = await createCategory(api, admin);
    const reader = await api.tokenFor([], 'Reader');
    const threadId = await createThread(api, lan, categoryId);
    await reply(api, lan, threadId);
    await reply(api, lan, threadId);
    const unreadOf = async (token?: string) =>
      (await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`, token ? { token } : {}), 200)).items[0]?.unreadReplies;
    expect(await unreadOf(reader)).toBe(2);
    expect(await unreadOf()).toBeUndefined();
    expect(await unreadOf(lan)).toBe(0); // writers have read what they answered
    expect((await api.call('POST', `/forum/threads/${threadId}/read`, { token: reader })).status).toBe(204);
    expect(await unreadOf(reader)).toBe(0);
    await reply(api, lan, threadId);
    expect(await unreadOf(reader)).toBe(1);
  });
});
