import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryModel } from '../../../src/domain/notifications/delivery.model.js';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

interface Entry {
  action: string;
  actorId: string | null;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

describe('audit log: every moderator and admin action, readable by admins', () => {
  let api: TestApi;
  let author: string;
  let moderator: string;
  let admin: string;
  let moderatorId: string;
  let adminId: string;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    author = await api.tokenFor([], 'Tác giả');
    moderator = await api.tokenFor(['moderator'], 'Điều hành viên');
    admin = await api.tokenFor(['admin'], 'Quản trị');
    moderatorId = (await must(api.call('GET', '/me', { token: moderator }), 200)).id;
    adminId = (await must(api.call('GET', '/me', { token: admin }), 200)).id;
  });
  afterAll(async () => {
    await api.stop();
  });
  const log = async (query = ''): Promise<{ items: Entry[]; nextCursor: string | null }> =>
    must(api.call('GET', `/admin/audit-log${query}`, { token: admin }), 200);
  const entryFor = async (targetId: string, action: string) => (await log(`?targetId=${targetId}&action=${action}`)).items[0];

  it('records forum moderation, moderators editing or deleting others’ words, and category changes — but not authors’ own edits', async () => {
    const categoryId = await createCategory(api, admin);
    expect(await entryFor(categoryId, 'category.created')).toMatchObject({ actorId: adminId, targetType: 'category' });
    await must(api.call('PATCH', `/forum/categories/${categoryId}`, { token: admin, body: { position: 3 } }), 200);
    expect(await entryFor(categoryId, 'category.updated')).toMatchObject({ details: { fields: ['position'] } });

    const threadId = await createThread(api, author, categoryId);
    const postId = await reply(api, author, threadId, 'Trả lời');
    await must(api.call('PATCH', `/forum/threads/${threadId}`, { token: author, body: { title: 'Tác giả tự sửa' } }), 200);
    expect((await log(`?targetId=${threadId}`)).items).toEqual([]);
    await must(api.call('PUT', `/forum/threads/${threadId}/moderation`, { token: moderator, body: { locked: true, pinned: true } }), 200);
    await must(api.call('PATCH', `/forum/threads/${threadId}`, { token: moderator, body: { body: 'Đã kiểm duyệt' } }), 200);
    await must(api.call('PUT', `/forum/posts/${postId}/moderation`, { token: moderator, body: { hidden: true } }), 200);
    await must(api.call('PATCH', `/forum/posts/${postId}`, { token: moderator, body: { body: 'Đã sửa' } }), 200);
    await must(api.call('DELETE', `/forum/posts/${postId}`, { token: moderator }), 204);
    await must(api.call('DELETE', `/forum/threads/${threadId}`, { token: moderator }), 204);
    const threadLog = (await log(`?targetId=${threadId}`)).items;
    expect(threadLog.map((e) => e.action)).toEqual(['thread.deleted', 'thread.edited', 'thread.moderated']);
    expect(threadLog.every((e) => e.actorId === moderatorId)).toBe(true);
    expect(threadLog[2]!.details).toEqual({ locked: true, pinned: true });
    expect(threadLog[1]!.details).toMatchObject({ fields: ['body'] });
    expect((await log(`?targetId=${postId}`)).items.map((e) => e.action)).toEqual(['post.deleted', 'post.edited', 'post.moderated']);
  });

  it('records role changes, firm verification and dead-letter retries', async () => {
    const someone = await api.service.services.users.create({ displayName: 'Người được thăng chức' });
    await must(api.call('PUT', `/users/${String(someone._id)}/roles`, { token: admin, body: { roles: ['organiser'] } }), 200);
    expect(await entryFor(String(someone._id), 'user.roles_set')).toMatchObject({ actorId: adminId, details: { from: ['member'], to: ['member', 'organiser'] } });

    const owner = await api.tokenFor([], 'Chủ doanh nghiệp');
    const firm = await must(api.call('POST', '/firms', { token: owner, body: { name: 'Sông Hàn Soft', sector: 'software', size: '11-50', city: 'Đà Nẵng' } }));
    await must(api.call('PUT', `/firms/${firm.id}/verification`, { token: moderator, body: { verified: true } }), 200);
    await must(api.call('PUT', `/firms/${firm.id}/verification`, { token: moderator, body: { verified: false } }), 200);
    expect((await log(`?targetId=${firm.id}`)).items.map((e) => e.action)).toEqual(['firm.unverified', 'firm.verified']);

    const dead = await deliveryModel(api.service.connection).create({
      noticeId: 'n-audit', userId: someone._id, channel: 'telegram', address: '42', status: 'dead', notBefore: new Date(), attempts: 5,
    });
    await must(api.call('POST', `/admin/deliveries/${String(dead._id)}/retry`, { token: admin }), 200);
    expect(await entryFor(String(dead._id), 'delivery.retried')).toMatchObject({ actorId: adminId, details: { channel: 'telegram' } });
  });

  it('filters by actor and action, pages newest first, and rejects unknown filters with 400', async () => {
    const categoryId = await createCategory(api, admin);
    const threads = await Promise.all([1, 2, 3].map(() => createThread(api, author, categoryId)));
    for (const id of threads) await must(api.call('PUT', `/forum/threads/${id}/moderation`, { token: moderator, body: { pinned: true } }), 200);
    const first = await log(`?actorId=${moderatorId}&action=thread.moderated&limit=2`);
    expect(first.items.map((e) => e.targetId)).toEqual([threads[2], threads[1]]);
    const second = await log(`?actorId=${moderatorId}&action=thread.moderated&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.targetId)).toContain(threads[0]);
    expect((await log(`?actorId=${adminId}&action=thread.moderated`)).items).toEqual([]);
    const bad = await api.call('GET', '/admin/audit-log?action=everything', { token: admin });
    expect(bad.status).toBe(400);
    expect((await api.call('GET', `/admin/audit-log?actorId=${new Types.ObjectId().toHexString()}`, { token: moderator })).status).toBe(403);
  });
});
