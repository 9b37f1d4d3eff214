import { Types } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDomainServices } from '../../../src/domain/domain-services.js';
import { createCategory, must, noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const HOUR = 3_600_000;

describe('moderation: bans, timed bans and who may ban whom', () => {
  let api: TestApi;
  let moderator: string;
  let admin: string;
  let organiser: string;
  let categoryId: string;
  let clock: Date;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    // The domain takes `now`; swapping its services in gives the API a clock the test moves.
    Object.assign(api.service.services, createDomainServices(api.service.connection, () => clock));
    clock = new Date();
    moderator = await api.tokenFor(['moderator'], 'Điều hành viên');
    admin = await api.tokenFor(['admin'], 'Quản trị');
    organiser = await api.tokenFor(['organiser'], 'Ban tổ chức');
    categoryId = await createCategory(api, admin);
  });
  beforeEach(() => {
    clock = new Date();
  });
  afterAll(async () => {
    await api.stop();
  });

  /** A new member with a token; returns both. */
  async function member(name = 'Thành viên'): Promise<{ id: string; token: string }> {
    const token = await api.tokenFor([], name);
    return { id: (await must(api.call('GET', '/me', { token }), 200)).id as string, token };
  }
  const ban = (userId: string, body: unknown, token = moderator) => api.call('PUT', `/moderation/users/${userId}/ban`, { token, body });
  const post = (token: string) =>
    api.call('POST', '/forum/threads', { token, body: { categoryId, title: 'Xin chào mọi người', body: 'Chào', locale: 'vi' } });
  const everyoneCount = async () => {
    const p = await must(api.call('POST', '/broadcasts/preview', { token: organiser, body: { segment: { audience: 'everyone' } } }), 200);
    return (p.recipients as number) + (p.unreachable as number);
  };

  it('stops a banned user’s tokens and posts at once, says so in their language, and logs who did it and why', async () => {
    const spammer = await member('Kẻ gửi rác');
    const before = await everyoneCount();
    const status = await must(ban(spammer.id, { reason: 'Gửi liên kết rác' }), 200);
    expect(status).toEqual({ banned: true, reason: 'Gửi liên kết rác', until: null });
    const refused = await api.call('GET', '/me', { token: spammer.token, lang: 'vi' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'user.banned', message: 'Tài khoản này đã bị khóa.' });
    expect((await post(spammer.token)).status).toBe(403);
    // Broadcasts skip them; admins see the ban in the user list.
    expect(await everyoneCount()).toBe(before - 1);
    const users = await must(api.call('GET', '/users?q=K%E1%BA%BB%20g%E1%BB%ADi', { token: admin }), 200);
    expect(users.items[0]).toMatchObject({ id: spammer.id, status: 'banned' });
    const log = await must(api.call('GET', `/admin/audit-log?targetId=${spammer.id}`, { token: admin }), 200);
    const moderatorId = (await must(api.call('GET', '/me', { token: moderator }), 200)).id;
    expect(log.items).toEqual([expect.objectContaining({ action: 'user.banned', actorId: moderatorId, details: { reason: 'Gửi liên kết rác', until: null } })]);
  });

  it('ends a timed ban by itself at its end, with nothing having to run', async () => {
    const someone = await member();
    const until = new Date(clock.getTime() + 24 * HOUR).toISOString();
    expect(await must(ban(someone.id, { reason: 'Lời lẽ xúc phạm', until }), 200)).toMatchObject({ banned: true, until });
    const refused = await api.call('GET', '/me', { token: someone.token });
    expect(refused.body.error.details).toEqual({ until });
    clock = new Date(clock.getTime() + 24 * HOUR - 1000);
    expect((await api.call('GET', '/me', { token: someone.token })).status).toBe(403);
    const before = await everyoneCount();
    clock = new Date(clock.getTime() + 2000);
    const me = await must(api.call('GET', '/me', { token: someone.token }), 200);
    expect(me.status).toBe('active');
    expect(await must(api.call('GET', `/moderation/users/${someone.id}/ban`, { token: moderator }), 200)).toEqual({ banned: false, reason: null, until: null });
    expect((await post(someone.token)).status).toBe(201);
    expect(await everyoneCount()).toBe(before + 1);
  });

  it('lifts a ban: the same tokens work again, and the lifting is logged', async () => {
    const someone = await member();
    await must(ban(someone.id, { reason: 'Nhầm lẫn' }), 200);
    const lifted = await must(api.call('DELETE', `/moderation/users/${someone.id}/ban`, { token: moderator }), 200);
    expect(lifted.banned).toBe(false);
    expect((await api.call('GET', '/me', { token: someone.token })).status).toBe(200);
    const again = await api.call('DELETE', `/moderation/users/${someone.id}/ban`, { token: moderator });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('moderation.not_banned');
    const log = await must(api.call('GET', `/admin/audit-log?targetId=${someone.id}`, { token: admin }), 200);
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['user.unbanned', 'user.banned']);
  });

  it('lets only admins ban staff, nobody ban themselves, and refuses an end in the past', async () => {
    const otherModerator = await api.tokenFor(['moderator'], 'Điều hành viên khác');
    const otherModeratorId = (await must(api.call('GET', '/me', { token: otherModerator }), 200)).id as string;
    const adminId = (await must(api.call('GET', '/me', { token: admin }), 200)).id as string;
    const moderatorId = (await must(api.call('GET', '/me', { token: moderator }), 200)).id as string;
    for (const target of [otherModeratorId, adminId]) {
      const res = await ban(target, { reason: 'Thử xem' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('moderation.staff_ban');
    }
    const self = await ban(moderatorId, { reason: 'Thử xem' });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('moderation.not_yourself');
    const someone = await member();
    const past = await ban(someone.id, { reason: 'Quá hạn', until: new Date(clock.getTime() - 1000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('moderation.ban_end_past');
    expect((await ban(new Types.ObjectId().toHexString(), { reason: 'Không ai' })).status).toBe(404);
    expect((await ban(someone.id, { reason: 'x' })).status).toBe(400); // a reason says something
    // The admin may ban a moderator; that moderator's token then stops working.
    expect((await must(ban(otherModeratorId, { reason: 'Lạm quyền' }, admin), 200)).banned).toBe(true);
    expect((await api.call('GET', '/moderation/flags', { token: otherModerator })).status).toBe(403);
  });

  it('tells the bots whether someone is banned through the domain, without the HTTP API', async () => {
    const someone = await member();
    const userId = new Types.ObjectId(someone.id);
    // The bots ask on the person's own behalf.
    const self = { userId, roles: ['member' as const], locale: 'vi' as const };
    expect(await api.service.services.moderation.bans.status(self, userId)).toEqual({ banned: false });
    const until = new Date(clock.getTime() + HOUR);
    await must(ban(someone.id, { reason: 'Spam', until: until.toISOString() }), 200);
    expect(await api.service.services.moderation.bans.status(self, userId)).toEqual({ banned: true, reason: 'Spam', until });
  });
});
