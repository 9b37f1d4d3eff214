import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../src/domain/auth/api-token.service.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { must, noRateLimits } from '../../support/forum.js';
import { startSiblingApi, startTestApi, type ApiAnswer, type TestApi } from '../../support/service.js';
import { VALID_BODIES } from '../../support/valid-bodies.js';

// How long a change made in one process may take to reach another (a pub/sub message on a local Redis).
const ACROSS_PROCESSES_DEADLINE_MS = 5_000;

/**
 * Every change to what a token acts as reaches tokens whose answer is cached: in the process
 * that made the change on the very next request, in another process of the same deployment as
 * soon as Redis has carried the message.
 */
describe.each([
  { where: 'in the same process', sameProcess: true },
  { where: 'in another process', sameProcess: false },
])('a cached token sees a change made $where', ({ sameProcess }) => {
  let first: TestApi;
  let second: TestApi;
  /** Where changes are made. */
  let changer: TestApi;
  /** Where the token is used before and after the change. */
  let observer: TestApi;
  let admin: string;
  let moderator: string;

  beforeAll(async () => {
    first = await startTestApi(noRateLimits);
    second = sameProcess ? first : await startSiblingApi(first, noRateLimits);
    changer = first;
    observer = second;
    admin = await first.tokenFor(['admin'], 'Admin');
    moderator = await first.tokenFor(['moderator'], 'Moderator');
  });
  afterAll(async () => {
    if (second !== first) await second.stop();
    await first.stop();
  });

  /** A person with a token made through the API, used once on the observer so its answer is cached. */
  async function cachedPerson(name: string, roles: Parameters<TestApi['tokenFor']>[0] = []): Promise<{ id: string; token: string; tokenId: string }> {
    const first = await changer.tokenFor(roles, name);
    const made = await must(changer.call('POST', '/me/tokens', { token: first, body: { name: 'script' } }));
    const token = made.token as string;
    const me = await must(observer.call('GET', '/me', { token }), 200);
    expect(observer.service.actorCache.get(hashToken(token))).toBeDefined();
    return { id: me.id as string, token, tokenId: made.details.id as string };
  }

  /**
   * The observer's next answer. In the process that made the change it must be right at once;
   * another process may answer the old way until the message arrives, so it is asked again
   * until `settled` holds or the deadline passes, and the last answer is returned.
   */
  async function nextAnswer(request: () => Promise<ApiAnswer>, settled: (answer: ApiAnswer) => boolean): Promise<ApiAnswer> {
    const deadline = Date.now() + ACROSS_PROCESSES_DEADLINE_MS;
    for (;;) {
      const answer = await request();
      if (sameProcess || settled(answer) || Date.now() > deadline) return answer;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('refuses a revoked token (401)', async () => {
    const { token, tokenId } = await cachedPerson('Revoker');
    await must(changer.call('DELETE', `/me/tokens/${tokenId}`, { token }), 204);
    const answer = await nextAnswer(() => observer.call('GET', '/me', { token }), (a) => a.status === 401);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('auth.invalid_token');
  });

  it('lets a promoted member in at once, and shuts a demoted admin out at once', async () => {
    const { id, token } = await cachedPerson('Rising admin');
    expect((await observer.call('GET', '/users', { token })).status).toBe(403);
    await must(changer.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: ['admin'] } }), 200);
    const promoted = await nextAnswer(() => observer.call('GET', '/users', { token }), (a) => a.status === 200);
    expect(promoted.status).toBe(200);

    // Taking the admin role away goes through the last-admin guard.
    await must(changer.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: [] } }), 200);
    const demoted = await nextAnswer(() => observer.call('GET', '/users', { token }), (a) => a.status === 403);
    expect(demoted.status).toBe(403);
    expect(demoted.body.error.code).toBe('auth.forbidden');
  });

  it('lets a member who just wrote an expert profile act as an expert', async () => {
    const organiser = await changer.tokenFor(['organiser'], 'Fair organiser');
    const owner = await changer.tokenFor([], 'Exhibiting firm owner');
    const fairId = await publishedEvent(changer, organiser, seminarInput({ kind: 'fair', startsAt: '2027-11-01T01:00:00Z', endsAt: '2027-11-01T10:00:00Z' }));
    const firmId = (await must(changer.call('POST', '/firms', { token: owner, body: { name: 'Huế Cloud', sector: 'software', size: '11-50', city: 'Huế' } }))).id;
    const exhibitorId = (await must(changer.call('POST', `/events/${fairId}/exhibitors`, { token: owner, body: { firmId } }))).id;
    await must(changer.call('POST', `/exhibitors/${exhibitorId}/approve`, { token: organiser }), 200);
    const slot = await must(changer.call('POST', `/exhibitors/${exhibitorId}/slots`, { token: owner, body: { startsAt: '2027-11-01T02:00:00Z', endsAt: '2027-11-01T02:30:00Z' } }));

    const { token } = await cachedPerson('New expert');
    expect((await observer.call('POST', `/slots/${slot.id}/booking`, { token })).body.error.code).toBe('slot.experts_only');
    expect((await changer.call('PUT', '/experts/me', { token, body: VALID_BODIES.putMyExpertProfile })).status).toBeLessThan(300);
    const booked = await nextAnswer(() => observer.call('POST', `/slots/${slot.id}/booking`, { token }), (a) => a.status === 200);
    expect(booked.status).toBe(200);
  });

  it('refuses a banned member at once (403) and lets them back in when unbanned', async () => {
    const { id, token } = await cachedPerson('Soon banned');
    await must(changer.call('PUT', `/moderation/users/${id}/ban`, { token: moderator, body: { reason: 'spam' } }), 200);
    const banned = await nextAnswer(() => observer.call('GET', '/me', { token }), (a) => a.status === 403);
    expect(banned.status).toBe(403);
    expect(banned.body.error.code).toBe('user.banned');

    await must(changer.call('DELETE', `/moderation/users/${id}/ban`, { token: moderator }), 200);
    const back = await nextAnswer(() => observer.call('GET', '/me', { token }), (a) => a.status === 200);
    expect(back.status).toBe(200);
  });

  it('refuses a banned admin at once (a ban that goes through the last-admin guard)', async () => {
    const { id, token } = await cachedPerson('Admin gone rogue', ['admin']);
    expect((await observer.call('GET', '/users', { token })).status).toBe(200);
    await must(changer.call('PUT', `/moderation/users/${id}/ban`, { token: admin, body: { reason: 'compromised account' } }), 200);
    const banned = await nextAnswer(() => observer.call('GET', '/users', { token }), (a) => a.status === 403);
    expect(banned.status).toBe(403);
    expect(banned.body.error.code).toBe('user.banned');
  });

  it('lets a timed ban end by itself while refusing every request until then', async () => {
    const { id, token } = await cachedPerson('Briefly banned');
    const until = new Date(Date.now() + 1_500).toISOString();
    await must(changer.call('PUT', `/moderation/users/${id}/ban`, { token: moderator, body: { reason: 'cool down', until } }), 200);
    const banned = await nextAnswer(() => observer.call('GET', '/me', { token }), (a) => a.status === 403);
    expect(banned.body.error.code).toBe('user.banned');
    // The ban ends by the clock, with no message: a banned answer is never cached, so it is read again each time.
    let answer = banned;
    const deadline = Date.now() + 1_500 + ACROSS_PROCESSES_DEADLINE_MS;
    while (answer.status === 403 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await observer.call('GET', '/me', { token });
    }
    expect(answer.status).toBe(200);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
  });

  it('answers in the language the person just chose', async () => {
    const { token } = await cachedPerson('Switching to Vietnamese');
    // With no language asked for ('*'), errors come in the person's own language.
    const english = await observer.call('GET', '/users', { token, lang: '*' });
    const vietnamese = (await observer.call('GET', '/users', { token, lang: 'vi' })).body.error.message as string;
    expect(english.body.error.message).not.toBe(vietnamese);
    await must(changer.call('PATCH', '/me', { token, body: { locale: 'vi' } }), 200);
    const after = await nextAnswer(() => observer.call('GET', '/users', { token, lang: '*' }), (a) => a.body.error.message === vietnamese);
    expect(after.body.error.message).toBe(vietnamese);
  });

  it('makes the token of a merged-away account act as the account it was joined to', async () => {
    const survivor = await cachedPerson('Survivor', ['organiser']);
    const second = await cachedPerson('Second account');
    const { code } = await must(changer.call('POST', '/me/link-codes', { token: survivor.token }));
    await must(changer.call('POST', '/me/link', { token: second.token, body: { code } }), 200);
    const me = await nextAnswer(() => observer.call('GET', '/me', { token: second.token }), (a) => a.body.id === survivor.id);
    expect(me.body.id).toBe(survivor.id);
    // …with the survivor's roles.
    expect((await observer.call('POST', '/events', { token: second.token, body: seminarInput() })).status).toBe(201);
  });
});
