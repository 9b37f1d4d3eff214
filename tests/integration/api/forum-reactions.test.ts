import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('forum: reactions', () => {
  let api: TestApi;
  let lan: string;
  let minh: string;
  let categoryId: string;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    lan = await api.tokenFor([], 'Chị Lan');
    minh = await api.tokenFor([], 'Anh Minh');
    categoryId = await createCategory(api, await api.tokenFor(['admin']));
  });
  afterAll(async () => {
    await api.stop();
  });

  it('counts ten parallel PUTs of the same reaction once', async () => {
    const threadId = await createThread(api, lan, categoryId);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.call('PUT', `/forum/threads/${threadId}/reactions/like`, { token: minh })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const thread = await must(api.call('GET', `/forum/threads/${threadId}`), 200);
    expect(thread.reactions).toEqual({ like: 1, insightful: 0, thanks: 0 });
  });

  it('keeps one reaction per person and kind, and takes it back idempotently', async () => {
    const threadId = await createThread(api, lan, categoryId);
    const postId = await reply(api, lan, threadId);
    const put = (token: string, kind: string) => api.call('PUT', `/forum/posts/${postId}/reactions/${kind}`, { token });
    await put(minh, 'thanks');
    await put(minh, 'insightful');
    const third = await must(put(lan, 'thanks'), 200);
    expect(third).toEqual({ kind: 'thanks', reacted: true, counts: { like: 0, insightful: 1, thanks: 2 } });
    const removals = await Promise.all(
      Array.from({ length: 5 }, () => api.call('DELETE', `/forum/posts/${postId}/reactions/thanks`, { token: minh })),
    );
    expect(removals.map((r) => r.status)).toEqual(Array(5).fill(200));
    const posts = await must(api.call('GET', `/forum/threads/${threadId}/posts`), 200);
    expect(posts.items[0].reactions).toEqual({ like: 0, insightful: 1, thanks: 1 });
  });

  it('refuses unknown kinds with 400 and deleted targets with 409', async () => {
    const threadId = await createThread(api, lan, categoryId);
    expect((await api.call('PUT', `/forum/threads/${threadId}/reactions/love`, { token: minh })).status).toBe(400);
    await must(api.call('DELETE', `/forum/threads/${threadId}`, { token: lan }), 204);
    const late = await api.call('PUT', `/forum/threads/${threadId}/reactions/like`, { token: minh });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('forum.deleted');
  });
});
