import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../src/domain/app-error.js';
import { SYSTEM_ACTOR } from '../../../src/domain/auth/access.js';
import type { Actor } from '../../../src/domain/auth/api-token.service.js';
import type { DomainServices } from '../../../src/domain/domain-services.js';
import type { Role } from '../../../src/domain/users/roles.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const segment = { audience: 'everyone' as const, countries: [], skills: [], locales: [] };

/**
 * Every restricted use case checks the actor itself, so a bot (or any other caller that skips
 * the HTTP routes' access rules) gets the same answer as the API.
 */
describe('authorization inside the domain', () => {
  let api: TestApi;
  let services: DomainServices;
  let member: Actor;
  let organiser: Actor;
  let admin: Actor;
  const anyId = new Types.ObjectId();

  async function actorWith(roles: Role[]): Promise<Actor> {
    const user = await services.users.create({ displayName: `as ${roles.join('+') || 'member'}`, roles });
    return { userId: user._id, roles: user.roles, locale: 'en' };
  }

  beforeAll(async () => {
    api = await startTestApi();
    services = api.service.services;
    member = await actorWith([]);
    organiser = await actorWith(['organiser']);
    admin = await actorWith(['admin']);
  });
  afterAll(async () => {
    await api.stop();
  });

  const organiserOnly: [string, (s: DomainServices, a: Actor) => Promise<unknown>][] = [
    ['broadcast preview', (s, a) => s.broadcasts.preview(a, segment)],
    ['broadcast create', (s, a) => s.broadcasts.create(a, { segment, text: { en: 'Hello' } })],
    ['broadcast list', (s, a) => s.broadcasts.list(a, { limit: 5 })],
    ['broadcast get', (s, a) => s.broadcasts.get(a, anyId)],
    ['broadcast cancel', (s, a) => s.broadcasts.cancel(a, anyId)],
    ['broadcast progress', (s, a) => s.broadcasts.progress(a, anyId)],
    ['broadcast audiences', async (s, a) => s.broadcasts.audiencesFor(a)],
  ];
  const adminOnly: [string, (s: DomainServices, a: Actor) => Promise<unknown>][] = [
    ['dead letters list', (s, a) => s.deadLetters.list(a, { status: 'dead', limit: 5 })],
    ['dead letter retry', (s, a) => s.deadLetters.retry(a, anyId)],
    ['user search', (s, a) => s.users.search(a, { limit: 5 })],
    ['roles change', (s, a) => s.users.setRoles(a, a.userId, ['admin'])],
    ['audit log', (s, a) => s.moderation.audit.list(a, { limit: 5 })],
    ['forum category create', (s, a) => s.forum.categories.create(a, { slug: `c-${String(a.userId)}`, name: { en: 'C' }, description: {}, position: 0 })],
    ['forum category update', (s, a) => s.forum.categories.update(a, anyId, { position: 1 })],
    ['yearly editions', (s, a) => s.yearlyEditions.draftDueEditions(a)],
  ];

  it.each(organiserOnly)('refuses a member the %s (auth.forbidden)', async (_name, call) => {
    await expect(call(services, member)).rejects.toMatchObject({ constructor: ForbiddenError, code: 'auth.forbidden' });
  });

  it.each(adminOnly)('refuses an organiser the %s (auth.forbidden)', async (_name, call) => {
    await expect(call(services, organiser)).rejects.toMatchObject({ constructor: ForbiddenError, code: 'auth.forbidden' });
  });

  it('lets an organiser list broadcasts and an admin read the audit log', async () => {
    await expect(services.broadcasts.list(organiser, { limit: 5 })).resolves.toMatchObject({ items: expect.any(Array) });
    await expect(services.moderation.audit.list(admin, { limit: 5 })).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('lets the scheduler draft yearly editions as the system actor', async () => {
    await expect(services.yearlyEditions.draftDueEditions(SYSTEM_ACTOR)).resolves.toBe(0);
  });

  it('tells a person their own ban status, and only moderators anyone else’s', async () => {
    await expect(services.moderation.bans.status(member, member.userId)).resolves.toEqual({ banned: false });
    await expect(services.moderation.bans.status(member, organiser.userId)).rejects.toMatchObject({ code: 'auth.forbidden' });
    const moderator = await actorWith(['moderator']);
    await expect(services.moderation.bans.status(moderator, member.userId)).resolves.toEqual({ banned: false });
  });
});
