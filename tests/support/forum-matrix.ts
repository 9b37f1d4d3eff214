/** Who may call each forum and subscription route; the global matrix and forum-authorization.test.ts both read it. */
import { PERSONAS, type Cell, type Expected, type Persona, type Row } from './matrix.js';
import type { ApiAnswer, TestApi } from './service.js';

/** What the rows need: the API, the author's, moderator's and admin's tokens, and a category. */
export interface ForumMatrixWorld {
  api: TestApi;
  author: string;
  moderator: string;
  admin: string;
  categoryId: string;
}

/** Who succeeds: anyone, any signed-in user, the author (+ moderators), moderators, admins, or moderators only for hidden content. */
export type Allowed = 'everyone' | 'signedIn' | 'author' | 'moderator' | 'admin' | 'hiddenToOthers';

/** One forum route: who succeeds with `ok`, and how to make a valid call as some persona. */
export interface ForumRule {
  op: string;
  allowed: Allowed;
  ok: number;
  call(cell: { call: Cell['call'] }): Promise<ApiAnswer>;
}

/** The status a persona gets under a rule; `isAuthor` and `role` describe the persona. */
export function expectedFor(rule: ForumRule, who: { signedIn: boolean; isAuthor: boolean; role: 'none' | 'moderator' | 'admin' }): number {
  const moderates = who.role !== 'none';
  switch (rule.allowed) {
    case 'everyone':
      return rule.ok;
    case 'hiddenToOthers':
      return moderates ? rule.ok : 404;
    case 'signedIn':
      return who.signedIn ? rule.ok : 401;
    case 'author':
      return !who.signedIn ? 401 : who.isAuthor || moderates ? rule.ok : 403;
    case 'moderator':
      return !who.signedIn ? 401 : moderates ? rule.ok : 403;
    case 'admin':
      return !who.signedIn ? 401 : who.role === 'admin' ? rule.ok : 403;
  }
}

/** The rules; `world()` is read when a rule runs. */
export function forumRules(world: () => ForumMatrixWorld): ForumRule[] {
  let n = 0;
  const unique = () => `${Date.now().toString(36)}-${(n += 1)}`;
  async function must(method: string, path: string, token: string, body?: unknown): Promise<string> {
    const res = await world().api.call(method, path, { token, body });
    if (res.status >= 300) throw new Error(`setup ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return String((res.body as { id: string }).id);
  }
  const thread = async () =>
    must('POST', '/forum/threads', world().author, { categoryId: world().categoryId, title: 'Ma trận', body: 'Nội dung', locale: 'vi' });
  const post = async () => must('POST', `/forum/threads/${await thread()}/posts`, world().author, { body: 'Trả lời' });
  const hiddenThread = async () => {
    const id = await thread();
    await must('PUT', `/forum/threads/${id}/moderation`, world().moderator, { hidden: true });
    return id;
  };
  const edited = async (kind: 'threads' | 'posts') => {
    const id = kind === 'threads' ? await thread() : await post();
    await must('PATCH', `/forum/${kind}/${id}`, world().author, kind === 'threads' ? { title: 'Đã sửa' } : { body: 'Đã sửa' });
    return id;
  };
  return [
    { op: 'listForumCategories', allowed: 'everyone', ok: 200, call: (c) => c.call('GET', '/forum/categories') },
    { op: 'createForumCategory', allowed: 'admin', ok: 201, call: (c) => c.call('POST', '/forum/categories', { slug: `m-${unique()}`, name: { en: 'M' } }) },
    { op: 'updateForumCategory', allowed: 'admin', ok: 200, call: (c) => c.call('PATCH', `/forum/categories/${world().categoryId}`, { position: 1 }) },
    { op: 'listForumThreads', allowed: 'everyone', ok: 200, call: (c) => c.call('GET', `/forum/threads?categoryId=${world().categoryId}&q=ma%20tran`) },
    { op: 'createForumThread', allowed: 'signedIn', ok: 201, call: (c) => c.call('POST', '/forum/threads', { categoryId: world().categoryId, title: 'Xin chào', body: 'x', locale: 'vi' }) },
    { op: 'getForumThread', allowed: 'hiddenToOthers', ok: 200, call: async (c) => c.call('GET', `/forum/threads/${await hiddenThread()}`) },
    { op: 'editForumThread', allowed: 'author', ok: 200, call: async (c) => c.call('PATCH', `/forum/threads/${await thread()}`, { title: 'Sửa' }) },
    { op: 'deleteForumThread', allowed: 'author', ok: 204, call: async (c) => c.call('DELETE', `/forum/threads/${await thread()}`) },
    { op: 'getForumThreadHistory', allowed: 'author', ok: 200, call: async (c) => c.call('GET', `/forum/threads/${await edited('threads')}/history`) },
    { op: 'moderateForumThread', allowed: 'moderator', ok: 200, call: async (c) => c.call('PUT', `/forum/threads/${await thread()}/moderation`, { locked: true }) },
    { op: 'markForumThreadRead', allowed: 'signedIn', ok: 204, call: async (c) => c.call('POST', `/forum/threads/${await thread()}/read`) },
    { op: 'listForumPosts', allowed: 'everyone', ok: 200, call: async (c) => c.call('GET', `/forum/threads/${await thread()}/posts`) },
    { op: 'replyToForumThread', allowed: 'signedIn', ok: 201, call: async (c) => c.call('POST', `/forum/threads/${await thread()}/posts`, { body: 'Đồng ý' }) },
    { op: 'editForumPost', allowed: 'author', ok: 200, call: async (c) => c.call('PATCH', `/forum/posts/${await post()}`, { body: 'Sửa' }) },
    { op: 'deleteForumPost', allowed: 'author', ok: 204, call: async (c) => c.call('DELETE', `/forum/posts/${await post()}`) },
    { op: 'getForumPostHistory', allowed: 'author', ok: 200, call: async (c) => c.call('GET', `/forum/posts/${await edited('posts')}/history`) },
    { op: 'moderateForumPost', allowed: 'moderator', ok: 200, call: async (c) => c.call('PUT', `/forum/posts/${await post()}/moderation`, { hidden: true }) },
    { op: 'addForumThreadReaction', allowed: 'signedIn', ok: 200, call: async (c) => c.call('PUT', `/forum/threads/${await thread()}/reactions/like`) },
    { op: 'removeForumThreadReaction', allowed: 'signedIn', ok: 200, call: async (c) => c.call('DELETE', `/forum/threads/${await thread()}/reactions/like`) },
    { op: 'addForumPostReaction', allowed: 'signedIn', ok: 200, call: async (c) => c.call('PUT', `/forum/posts/${await post()}/reactions/thanks`) },
    { op: 'removeForumPostReaction', allowed: 'signedIn', ok: 200, call: async (c) => c.call('DELETE', `/forum/posts/${await post()}/reactions/thanks`) },
    { op: 'listMySubscriptions', allowed: 'signedIn', ok: 200, call: (c) => c.call('GET', '/me/subscriptions') },
    { op: 'subscribe', allowed: 'signedIn', ok: 201, call: (c) => c.call('POST', '/me/subscriptions', { kind: 'tag', value: `t-${unique()}` }) },
    { op: 'unsubscribe', allowed: 'signedIn', ok: 204, call: (c) => c.call('DELETE', '/me/subscriptions?kind=tag&value=go') },
  ];
}

/** The rules as rows of the global matrix, where the plain member is the forum author. */
export function forumMatrixRows(world: () => ForumMatrixWorld): Row[] {
  const roleOf = (p: Persona) => (p === 'admin' ? 'admin' : p === 'moderator' ? 'moderator' : 'none');
  return forumRules(world).map((rule) => ({
    op: rule.op,
    expect: Object.fromEntries(
      PERSONAS.map((p) => [p, expectedFor(rule, { signedIn: p !== 'anonymous', isAuthor: p === 'member', role: roleOf(p) })]),
    ) as Expected,
    call: (cell) => rule.call(cell),
  }));
}
