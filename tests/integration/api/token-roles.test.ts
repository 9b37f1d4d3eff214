import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { VALID_BODIES } from '../../support/valid-bodies.js';

const fair = seminarInput({
  kind: 'fair',
  title: { vi: 'Hội chợ CNTT Huế 2027', en: 'Hue IT Fair 2027' },
  startsAt: '2027-11-01T01:00:00Z',
  endsAt: '2027-11-01T10:00:00Z',
});

describe('tokens act with the user’s current roles', () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor(['admin'], 'Admin');
  });
  afterAll(async () => {
    await api.stop();
  });

  /** A member who made a second token through POST /me/tokens, as a script would. */
  async function memberWithMadeToken(name: string): Promise<{ id: string; token: string }> {
    const first = await api.tokenFor([], name);
    const id = (await api.call('GET', '/me', { token: first })).body.id as string;
    const made = await api.call('POST', '/me/tokens', { token: first, body: { name: 'script' } });
    expect(made.status).toBe(201);
    expect(made.body.details.scope).toBeNull();
    return { id, token: made.body.token as string };
  }

  it('lets a member promoted to organiser create an event with the token made before the promotion', async () => {
    const { id, token } = await memberWithMadeToken('Soon organiser');
    expect((await api.call('POST', '/events', { token, body: seminarInput() })).status).toBe(403);
    expect((await api.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: ['organiser'] } })).status).toBe(200);
    const created = await api.call('POST', '/events', { token, body: seminarInput() });
    expect(created.status).toBe(201);
  });

  it('takes a demotion away from existing tokens at once', async () => {
    const { id, token } = await memberWithMadeToken('Former organiser');
    await api.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: ['organiser'] } });
    expect((await api.call('POST', '/events', { token, body: seminarInput() })).status).toBe(201);
    await api.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: [] } });
    const refused = await api.call('POST', '/events', { token, body: seminarInput() });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('auth.forbidden');
  });

  it('stops a banned user’s existing tokens at once', async () => {
    const { id, token } = await memberWithMadeToken('Soon banned');
    const moderator = await api.tokenFor(['moderator'], 'Moderator');
    expect((await api.call('GET', '/me', { token })).status).toBe(200);
    expect((await api.call('PUT', `/moderation/users/${id}/ban`, { token: moderator, body: { reason: 'spam' } })).status).toBe(200);
    const refused = await api.call('GET', '/me', { token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('user.banned');
  });

  it('lets a member who creates an expert profile book a fair slot with the same token', async () => {
    const organiser = await api.tokenFor(['organiser'], 'Fair organiser');
    const owner = await api.tokenFor([], 'Exhibiting firm owner');
    const fairId = await publishedEvent(api, organiser, fair);
    const firmId = (await api.call('POST', '/firms', { token: owner, body: { name: 'Huế Cloud', sector: 'software', size: '11-50', city: 'Huế' } })).body.id;
    const exhibitorId = (await api.call('POST', `/events/${fairId}/exhibitors`, { token: owner, body: { firmId } })).body.id;
    await api.call('POST', `/exhibitors/${exhibitorId}/approve`, { token: organiser });
    const slot = await api.call('POST', `/exhibitors/${exhibitorId}/slots`, { token: owner, body: { startsAt: '2027-11-01T02:00:00Z', endsAt: '2027-11-01T02:30:00Z' } });
    expect(slot.status).toBe(201);

    const { token } = await memberWithMadeToken('New expert');
    const before = await api.call('POST', `/slots/${slot.body.id}/booking`, { token });
    expect(before.body.error.code).toBe('slot.experts_only');
    expect((await api.call('PUT', '/experts/me', { token, body: VALID_BODIES.putMyExpertProfile })).status).toBeLessThan(300);
    const booked = await api.call('POST', `/slots/${slot.body.id}/booking`, { token });
    expect(booked.status).toBe(200);
  });

  it('narrows a token to a chosen scope, and the scope never outlives the user’s own roles', async () => {
    const { id, token } = await memberWithMadeToken('Scoped organiser');
    await api.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: ['organiser', 'expert'] } });
    const memberOnly = await api.call('POST', '/me/tokens', { token, body: { name: 'read only', scope: ['member'] } });
    expect(memberOnly.status).toBe(201);
    expect(memberOnly.body.details.scope).toEqual(['member']);
    expect((await api.call('POST', '/events', { token: memberOnly.body.token, body: seminarInput() })).status).toBe(403);

    const organiserOnly = await api.call('POST', '/me/tokens', { token, body: { name: 'events', scope: ['organiser'] } });
    expect((await api.call('POST', '/events', { token: organiserOnly.body.token, body: seminarInput() })).status).toBe(201);
    expect((await api.call('GET', '/me', { token: organiserOnly.body.token })).body.roles).toEqual(['member', 'organiser', 'expert']);

    await api.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: ['expert'] } });
    expect((await api.call('POST', '/events', { token: organiserOnly.body.token, body: seminarInput() })).status).toBe(403);
  });

  it('refuses a scope with a role the user does not hold (422), in the caller’s language', async () => {
    const { token } = await memberWithMadeToken('Ambitious member');
    const res = await api.call('POST', '/me/tokens', { token, body: { name: 'power', scope: ['admin'] }, lang: 'vi' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('token.scope_not_held');
    expect(res.body.error.details.roles).toEqual(['admin']);
    expect(res.body.error.message).toMatch(/vai trò/);
  });

  it('keeps tokens made with a narrowed token inside its scope', async () => {
    const { id, token } = await memberWithMadeToken('Careful organiser');
    await api.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: ['organiser'] } });
    const narrow = (await api.call('POST', '/me/tokens', { token, body: { name: 'narrow', scope: ['member'] } })).body.token as string;
    const child = await api.call('POST', '/me/tokens', { token: narrow, body: { name: 'child' } });
    expect(child.body.details.scope).toEqual(['member']);
    expect((await api.call('POST', '/events', { token: child.body.token, body: seminarInput() })).status).toBe(403);
    const wider = await api.call('POST', '/me/tokens', { token: narrow, body: { name: 'wider', scope: ['organiser'] } });
    expect(wider.status).toBe(422);
  });
});
