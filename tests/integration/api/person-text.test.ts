import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createThread, must, noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('Invisible and control characters in what people write', () => {
  let api: TestApi;
  let admin: string;
  let member: string;
  let categoryId: string;

  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    admin = await api.tokenFor(['admin']);
    member = await api.tokenFor([]);
    categoryId = await createCategory(api, admin);
  });
  afterAll(async () => {
    await api.stop();
  });

  it('refuses a reply made only of invisible characters with 422 text.not_visible, in the caller’s language', async () => {
    const threadId = await createThread(api, member, categoryId);
    const invisible = '\u200B\u202E\u2066\u200D\uFEFF\u3164';

    const en = await api.call('POST', `/forum/threads/${threadId}/posts`, { token: member, body: { body: invisible } });
    const vi = await api.call('POST', `/forum/threads/${threadId}/posts`, { token: member, body: { body: invisible }, lang: 'vi' });

    expect(en.status).toBe(422);
    expect(en.body.error.code).toBe('text.not_visible');
    expect(en.body.error.details.issues[0]).toMatchObject({ path: 'body.body', message: expect.stringContaining('invisible') });
    expect(vi.status).toBe(422);
    expect(vi.body.error.message).toContain('không nhìn thấy');
  });

  it('stores a thread title and body without bidi overrides or NUL, keeping emoji whole', async () => {
    const threadId = await createThread(api, member, categoryId, {
      title: 'Họp \u202Etxt.exe\u202C mặt\u0000 tháng 12',
      body: 'Gia đình 👨‍👩‍👧 đến\u200B dự\n\u0007Hẹn gặp!',
    });

    const thread = await must(api.call('GET', `/forum/threads/${threadId}`), 200);

    expect(thread.title).toBe('Họp txt.exe mặt tháng 12');
    expect(thread.body).toBe('Gia đình 👨‍👩‍👧 đến dự\nHẹn gặp!');
  });

  it('cleans a display name, and refuses one with nothing visible', async () => {
    const renamed = await must(api.call('PATCH', '/me', { token: member, body: { displayName: '\u202EMinh\u200B Trần\u0000' } }), 200);
    expect(renamed.displayName).toBe('Minh Trần');

    const blank = await api.call('PATCH', '/me', { token: member, body: { displayName: '\u3164\u200B' } });
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('text.not_visible');
  });
});
