import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createThread, must, noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('subscriptions', () => {
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
  const subscribe = (token: string, body: unknown) => api.call('POST', '/me/subscriptions', { token, body });

  it('follows categories, tags, skills and event kinds once each, normalising values', async () => {
    expect((await subscribe(lan, { kind: 'tag', value: 'React.js' })).status).toBe(201);
    const again = await subscribe(lan, { kind: 'tag', value: 'react' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ kind: 'tag', value: 'react' });
    await must(subscribe(lan, { kind: 'skill', value: 'K8s' }));
    await must(subscribe(lan, { kind: 'category', value: categoryId }));
    await must(subscribe(lan, { kind: 'event_kind', value: 'fair' }));
    const mine = await must(api.call('GET', '/me/subscriptions', { token: lan }), 200);
    expect(mine.items.map((s: { kind: string; value: string }) => `${s.kind}:${s.value}`)).toEqual([
      `category:${categoryId}`,
      'event_kind:fair',
      'skill:kubernetes',
      'tag:react',
    ]);
  });

  it('counts parallel subscribes to the same thing once', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => subscribe(minh, { kind: 'tag', value: 'rust' })));
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    const mine = await must(api.call('GET', '/me/subscriptions', { token: minh }), 200);
    expect(mine.items.filter((s: { value: string }) => s.value === 'rust')).toHaveLength(1);
  });

  it('refuses unknown categories and threads, hidden threads included, and bad kinds', async () => {
    const unknown = new Types.ObjectId().toHexString();
    expect((await subscribe(lan, { kind: 'category', value: unknown })).status).toBe(404);
    expect((await subscribe(lan, { kind: 'thread', value: unknown })).status).toBe(404);
    expect((await subscribe(lan, { kind: 'event_kind', value: 'party' })).status).toBe(400);
    expect((await subscribe(lan, { kind: 'planet', value: 'mars' })).status).toBe(400);
  });

  it('unsubscribes idempotently by kind and value', async () => {
    await must(subscribe(minh, { kind: 'skill', value: 'Go' }));
    for (let i = 0; i < 2; i += 1) {
      expect((await api.call('DELETE', '/me/subscriptions?kind=skill&value=golang', { token: minh })).status).toBe(204);
    }
    const mine = await must(api.call('GET', '/me/subscriptions', { token: minh }), 200);
    expect(mine.items.map((s: { value: string }) => s.value)).not.toContain('go');
    expect((await api.call('DELETE', '/me/subscriptions?kind=thread&value=nope', { token: minh })).status).toBe(204);
  });

  it('resolves the audience of a notice: everyone following any of the values, once', async () => {
    const threadId = await createThread(api, lan, categoryId, { tags: ['go'] });
    await must(subscribe(minh, { kind: 'thread', value: threadId }));
    await must(subscribe(minh, { kind: 'tag', value: 'go' }));
    await must(subscribe(lan, { kind: 'tag', value: 'go' }));
    const { subscriptions } = api.service.services;
    const followers = (await subscriptions.audienceFor('thread', [threadId])).map(String).sort();
    const me = async (token: string) => String((await must(api.call('GET', '/me', { token }), 200)).id);
    expect(followers).toEqual([await me(lan), await me(minh)].sort()); // the author follows automatically
    expect(await subscriptions.audienceFor('tag', ['go', 'rust'])).toHaveLength(2);
    expect(await subscriptions.audienceFor('tag', [])).toEqual([]);
  });
});
