import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDomainServices } from '../../../src/domain/domain-services.js';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('moderation: new accounts post a little at first', () => {
  let api: TestApi;
  let admin: string;
  let categoryId: string;
  let clock = new Date();
  const limits = { NEW_USER_DAYS: '7', NEW_USER_THREADS_PER_DAY: '2', NEW_USER_REPLIES_PER_HOUR: '3' };
  beforeAll(async () => {
    api = await startTestApi({ ...noRateLimits, ...limits });
    admin = await api.tokenFor(['admin']);
    categoryId = await createCategory(api, admin);
  });
  afterAll(async () => {
    await api.stop();
  });
  const startThread = (token: string, lang = 'en') =>
    api.call('POST', '/forum/threads', { token, lang, body: { categoryId, title: 'Chào cả nhà', body: 'Mình mới vào', locale: 'vi' } });

  it('answers the thread past the allowance with 429, Retry-After and a message in the user’s language', async () => {
    const newcomer = await api.tokenFor([], 'Người mới');
    await createThread(api, newcomer, categoryId);
    await createThread(api, newcomer, categoryId);
    const refused = await startThread(newcomer, 'vi');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('forum.new_user_thread_limit');
    expect(refused.body.error.message).toContain('Tài khoản mới');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(DAY / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(DAY / 1000);
    expect(refused.body.error.details).toMatchObject({ limit: 2, retryAfterSeconds: retryAfter, newUserDays: 7 });
    // Nothing half-written: the refused thread does not exist.
    const mine = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`, { token: newcomer }), 200);
    expect(mine.items).toHaveLength(2);
  });

  it('does not slow down moderators, organisers or another new member', async () => {
    for (const roles of [['moderator'], ['organiser']] as const) {
      const staff = await api.tokenFor([...roles]);
      for (let i = 0; i < 3; i += 1) expect((await startThread(staff)).status).toBe(201);
    }
    const other = await api.tokenFor([], 'Người mới khác');
    expect((await startThread(other)).status).toBe(201);
  });

  describe('with a clock the test moves', () => {
    beforeAll(() => {
      clock = new Date();
      Object.assign(
        api.service.services,
        createDomainServices(api.service.connection, () => clock, { moderation: { newUserDays: 7, threadsPerDay: 2, repliesPerHour: 3 } }),
      );
    });

    it('counts replies per rolling hour: the next one is allowed once the oldest is an hour old', async () => {
      const newcomer = await api.tokenFor([], 'Người mới');
      const threadId = await createThread(api, admin, categoryId);
      await reply(api, newcomer, threadId, 'Một');
      clock = new Date(clock.getTime() + 10 * 60_000);
      await reply(api, newcomer, threadId, 'Hai');
      await reply(api, newcomer, threadId, 'Ba');
      const refused = await api.call('POST', `/forum/threads/${threadId}/posts`, { token: newcomer, body: { body: 'Bốn' } });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('forum.new_user_reply_limit');
      // The first reply leaves the window 50 minutes from now.
      expect(Number(refused.headers.get('retry-after'))).toBe(50 * 60);
      clock = new Date(clock.getTime() + 50 * 60_000 + 1000);
      expect((await api.call('POST', `/forum/threads/${threadId}/posts`, { token: newcomer, body: { body: 'Bốn' } })).status).toBe(201);
    });

    it('lifts every limit once the account is a week old', async () => {
      const newcomer = await api.tokenFor([], 'Người mới');
      await createThread(api, newcomer, categoryId);
      await createThread(api, newcomer, categoryId);
      expect((await startThread(newcomer)).status).toBe(429);
      clock = new Date(clock.getTime() + 7 * DAY);
      for (let i = 0; i < 4; i += 1) expect((await startThread(newcomer)).status).toBe(201);
    });
  });
});
