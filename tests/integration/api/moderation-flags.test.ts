import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('moderation: flags, the queue, hide or keep', () => {
  let api: TestApi;
  let author: string;
  let readers: string[];
  let moderator: string;
  let otherModerator: string;
  let admin: string;
  let categoryId: string;
  beforeAll(async () => {
    api = await startTestApi({ ...noRateLimits, FLAGS_TO_HIDE: '3' });
    author = await api.tokenFor([], 'Người bán hàng');
    readers = await Promise.all(['An', 'Bình', 'Chi', 'Dũng'].map((name) => api.tokenFor([], name)));
    moderator = await api.tokenFor(['moderator'], 'Điều hành viên');
    otherModerator = await api.tokenFor(['moderator'], 'Điều hành viên 2');
    admin = await api.tokenFor(['admin']);
    categoryId = await createCategory(api, admin);
  });
  afterAll(async () => {
    await api.stop();
  });
  const flag = (kind: 'threads' | 'posts', id: string, token: string, body: unknown = { reason: 'spam' }) =>
    api.call('POST', `/forum/${kind}/${id}/flags`, { token, body });
  const queue = async (status = 'open') => (await must(api.call('GET', `/moderation/flags?status=${status}`, { token: moderator }), 200)).items;
  const caseOf = async (id: string, status = 'open') => (await queue(status)).find((c: { targetId: string }) => c.targetId === id);

  it('takes a flag with its reason and puts the item in the queue with the content and the flags', async () => {
    const threadId = await createThread(api, author, categoryId, { title: 'Bán hàng giá rẻ' });
    const receipt = await must(flag('threads', threadId, readers[0]!, { reason: 'other', note: 'Quảng cáo trá hình' }));
    expect(receipt.reason).toBe('other');
    const c = await caseOf(threadId);
    expect(c).toMatchObject({ targetType: 'thread', openFlags: 1, reasons: { other: 1 }, autoHidden: false, decision: null });
    expect(c.content).toMatchObject({ title: 'Bán hàng giá rẻ', authorName: 'Người bán hàng', hidden: false });
    expect(c.flags).toEqual([expect.objectContaining({ reason: 'other', note: 'Quảng cáo trá hình' })]);
    // The thread stays visible: one flag is an opinion, not a verdict.
    expect((await api.call('GET', `/forum/threads/${threadId}`)).status).toBe(200);
  });

  it('refuses a second flag from the same person (409), one’s own content (422) and "other" without a note (400)', async () => {
    const threadId = await createThread(api, author, categoryId);
    await must(flag('threads', threadId, readers[0]!));
    const again = await flag('threads', threadId, readers[0]!, { reason: 'abuse' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('moderation.already_flagged');
    const own = await flag('threads', threadId, author);
    expect(own.status).toBe(422);
    expect(own.body.error.code).toBe('moderation.own_content');
    const vague = await flag('threads', threadId, readers[1]!, { reason: 'other' });
    expect(vague.status).toBe(400);
    expect(JSON.stringify(vague.body.error.details)).toContain('note');
    const vi = await api.call('POST', `/forum/threads/${threadId}/flags`, { token: readers[0]!, body: { reason: 'spam' }, lang: 'vi' });
    expect(vi.body.error.message).toContain('đã báo cáo');
    expect((await caseOf(threadId)).openFlags).toBe(1);
  });

  it('hides an item once three different members flag it, before any moderator looks, and logs it as automatic', async () => {
    const threadId = await createThread(api, author, categoryId);
    const postId = await reply(api, author, threadId, 'Mua ngay tại đây');
    await Promise.all(readers.slice(0, 3).map((token) => must(flag('posts', postId, token))));
    const member = await must(api.call('GET', `/forum/threads/${threadId}/posts`, { token: readers[3]! }), 200);
    expect(member.items).toEqual([]);
    expect((await api.call('GET', `/forum/posts/${postId}/history`, { token: readers[3]! })).status).toBe(404);
    const c = await caseOf(postId);
    expect(c).toMatchObject({ targetType: 'post', threadId, openFlags: 3, reasons: { spam: 3 }, autoHidden: true });
    expect(c.content.hidden).toBe(true);
    const log = await must(api.call('GET', `/admin/audit-log?targetId=${postId}`, { token: admin }), 200);
    expect(log.items).toEqual([expect.objectContaining({ action: 'content.auto_hidden', actorId: null, targetType: 'post', details: { flags: 3 } })]);
  });

  it('lets a moderator keep an automatically hidden item: it is shown again and the case closes', async () => {
    const threadId = await createThread(api, author, categoryId, { title: 'Tuyển dụng thật' });
    await Promise.all(readers.slice(0, 3).map((token) => must(flag('threads', threadId, token, { reason: 'off_topic' }))));
    expect((await api.call('GET', `/forum/threads/${threadId}`)).status).toBe(404);
    const decided = await must(api.call('POST', `/moderation/flags/${threadId}/resolution`, { token: moderator, body: { decision: 'keep', note: 'Tin tuyển dụng hợp lệ' } }), 200);
    expect(decided).toMatchObject({ status: 'resolved', decision: 'keep', openFlags: 3 });
    expect((await api.call('GET', `/forum/threads/${threadId}`)).status).toBe(200);
    expect(await caseOf(threadId)).toBeUndefined();
    expect(await caseOf(threadId, 'resolved')).toMatchObject({ decision: 'keep' });
    const log = await must(api.call('GET', `/admin/audit-log?targetId=${threadId}&action=flags.resolved`, { token: admin }), 200);
    expect(log.items[0]).toMatchObject({ details: { decision: 'keep', flags: 3, note: 'Tin tuyển dụng hợp lệ' } });
  });

  it('hides on a moderator’s say-so, and a later flag reopens the case', async () => {
    const threadId = await createThread(api, author, categoryId);
    await must(flag('threads', threadId, readers[0]!, { reason: 'abuse' }));
    await must(api.call('POST', `/moderation/flags/${threadId}/resolution`, { token: moderator, body: { decision: 'hide' } }), 200);
    expect((await api.call('GET', `/forum/threads/${threadId}`, { token: readers[1]! })).status).toBe(404);
    const moderatorView = await must(api.call('GET', `/forum/threads/${threadId}`, { token: moderator }), 200);
    expect(moderatorView.hidden).toBe(true);
    // Moderators can still see it; a moderator who flags it opens a fresh case.
    await must(flag('threads', threadId, otherModerator, { reason: 'illegal' }));
    expect(await caseOf(threadId)).toMatchObject({ openFlags: 1, reasons: { illegal: 1 }, decision: null });
  });

  it('lets exactly one of two moderators deciding at once win; the other is told (409)', async () => {
    const threadId = await createThread(api, author, categoryId);
    await must(flag('threads', threadId, readers[0]!));
    const [a, b] = await Promise.all([
      api.call('POST', `/moderation/flags/${threadId}/resolution`, { token: moderator, body: { decision: 'hide' } }),
      api.call('POST', `/moderation/flags/${threadId}/resolution`, { token: otherModerator, body: { decision: 'keep' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('moderation.no_open_flags');
    const winner = a.status === 200 ? a : b;
    const thread = await must(api.call('GET', `/forum/threads/${threadId}`, { token: moderator }), 200);
    expect(thread.hidden).toBe(winner.body.decision === 'hide');
  });

  it('counts every one of many simultaneous flags into one case', async () => {
    const threadId = await createThread(api, author, categoryId);
    const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => api.tokenFor([], `Người ${i}`)));
    const answers = await Promise.all(crowd.map((token) => flag('threads', threadId, token)));
    expect(answers.map((a) => a.status)).toEqual(crowd.map(() => 201));
    expect((await caseOf(threadId)).openFlags).toBe(8);
  });

  it('answers 404 for flagging content the flagger cannot see, and 409 for deleted content', async () => {
    const hiddenId = await createThread(api, author, categoryId);
    await must(api.call('PUT', `/forum/threads/${hiddenId}/moderation`, { token: moderator, body: { hidden: true } }), 200);
    expect((await flag('threads', hiddenId, readers[0]!)).status).toBe(404);
    const deletedId = await createThread(api, author, categoryId);
    await must(api.call('DELETE', `/forum/threads/${deletedId}`, { token: author }), 204);
    const res = await flag('threads', deletedId, readers[0]!);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('forum.deleted');
    expect((await flag('posts', '665f1c2e8b3e4a0012345678', readers[0]!)).status).toBe(404);
  });
});
