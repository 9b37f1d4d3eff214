import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeModel, type NoticeType } from '../../../src/domain/notices/notice.model.js';
import { createCategory, createThread, must, reply } from '../../support/forum.js';
import { expertWithAccounts } from '../../support/notification-world.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('forum notices reach the people who follow the category, the tags or the thread', () => {
  let api: TestApi;
  let categoryId: string;
  const who: Record<string, { token: string; userId: string }> = {};
  beforeAll(async () => {
    api = await startTestApi();
    categoryId = await createCategory(api, await api.tokenFor(['admin']), 'Cloud');
    let n = 0;
    for (const name of ['author', 'categoryFan', 'tagFan', 'threadFan', 'bystander']) {
      n += 1;
      who[name] = await expertWithAccounts(api, name, { telegram: String(7000 + n) });
    }
    const follow = (name: string, kind: string, value: string) => must(api.call('POST', '/me/subscriptions', { token: who[name]?.token, body: { kind, value } }));
    await follow('categoryFan', 'category', categoryId);
    await follow('author', 'category', categoryId);
    await follow('tagFan', 'tag', 'k8s');
  });
  afterAll(async () => {
    await api.stop();
  });

  const recipientsOf = async (type: NoticeType, subjectId: string) => {
    const notices = await noticeModel(api.service.connection).find({ type, 'subject.id': subjectId }).sort({ createdAt: -1 }).lean();
    const latest = notices[0];
    if (!latest) throw new Error(`no ${type} notice for ${subjectId}`);
    const result = await api.service.services.fanout.fanOut(latest._id);
    const names = Object.fromEntries(Object.entries(who).map(([name, p]) => [p.userId, name]));
    return result.pending.map((d) => names[String(d.userId)] ?? 'someone else').sort();
  };

  it('tells category and tag followers about a new thread, never its author', async () => {
    const threadId = await createThread(api, who.author?.token ?? '', categoryId, { tags: ['kubernetes'] });
    expect(await recipientsOf('forum.thread_created', threadId)).toEqual(['categoryFan', 'tagFan']);
  });

  it('tells the thread followers, its author included, about a reply, never the one who wrote it', async () => {
    const threadId = await createThread(api, who.author?.token ?? '', categoryId);
    await must(api.call('POST', '/me/subscriptions', { token: who.threadFan?.token, body: { kind: 'thread', value: threadId } }));
    await reply(api, who.tagFan?.token ?? '', threadId, 'Chúng tôi dùng EKS.');
    expect(await recipientsOf('forum.reply_created', threadId)).toEqual(['author', 'threadFan']);
  });

  it('tells nobody about replies in a hidden thread', async () => {
    const threadId = await createThread(api, who.author?.token ?? '', categoryId);
    const moderator = await api.tokenFor(['moderator']);
    await must(api.call('PUT', `/forum/threads/${threadId}/moderation`, { token: moderator, body: { hidden: true } }), 200);
    await reply(api, moderator, threadId, 'Đã ẩn chủ đề này.');
    expect(await recipientsOf('forum.reply_created', threadId)).toEqual([]);
  });
});
