import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('/me: your own profile and settings', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await api.tokenFor(['expert'], 'Nguyễn Văn An');
  });
  afterAll(async () => {
    await api.stop();
  });

  it('shows your profile with default settings', async () => {
    const res = await api.call('GET', '/me', { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: 'Nguyễn Văn An',
      roles: ['member', 'expert'],
      timezone: 'Asia/Ho_Chi_Minh',
      notifications: { channels: ['telegram', 'discord'], quietHours: null, digestDay: 'mon' },
      identities: [],
    });
  });

  it('changes language, time zone and quiet hours, keeping the other settings', async () => {
    const res = await api.call('PATCH', '/me', {
      token,
      body: { locale: 'vi', timezone: 'Europe/Berlin', notifications: { quietHours: { start: '22:00', end: '07:00' } } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      locale: 'vi',
      timezone: 'Europe/Berlin',
      notifications: { channels: ['telegram', 'discord'], quietHours: { start: '22:00', end: '07:00' }, digestDay: 'mon' },
    });
  });

  it('refuses a time zone that does not exist, saying which field and why', async () => {
    const res = await api.call('PATCH', '/me', { token, body: { timezone: 'Mars/Olympus_Mons' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.invalid');
    expect(res.body.error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.timezone', message: expect.stringContaining('IANA') }),
    ]);
  });

  it('answers validation errors in Vietnamese when asked', async () => {
    const res = await api.call('PATCH', '/me', { token, body: { displayName: '' }, lang: 'vi' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Yêu cầu có trường không hợp lệ; xem details.issues.');
    expect(res.body.error.details.issues[0].message).toBe('Không được để trống');
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const res = await api.call('PATCH', '/me', { token, body: { roles: ['admin'] } });
    expect(res.status).toBe(400);
    const again = await api.call('GET', '/me', { token });
    expect(again.body.roles).toEqual(['member', 'expert']);
  });

  it('refuses MongoDB operators in any field with 400, not a query', async () => {
    const res = await api.call('PATCH', '/me', { token, body: { displayName: { $gt: '' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.operator_keys');
  });

  it('asks for a token when there is none, and rejects a forged one', async () => {
    const anonymous = await api.call('GET', '/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('auth.required');
    const forged = await api.call('GET', '/me', { token: 'vnb_not-a-real-token' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('auth.invalid_token');
  });

  it('issues a personal token once, lists it without the secret, and revokes it', async () => {
    const created = await api.call('POST', '/me/tokens', { token, body: { name: 'laptop' } });
    expect(created.status).toBe(201);
    const second: string = created.body.token;
    expect(second).toMatch(/^vnb_/);
    expect((await api.call('GET', '/me', { token: second })).status).toBe(200);

    const listed = await api.call('GET', '/me/tokens', { token });
    expect(JSON.stringify(listed.body)).not.toContain(second);
    expect(listed.body.items.map((t: { name: string }) => t.name)).toContain('laptop');

    expect((await api.call('DELETE', `/me/tokens/${created.body.details.id}`, { token })).status).toBe(204);
    expect((await api.call('GET', '/me', { token: second })).status).toBe(401);
  });

  it('answers 404 for a token that is not yours', async () => {
    const other = await api.tokenFor([]);
    const created = await api.call('POST', '/me/tokens', { token: other, body: { name: 'theirs' } });
    const res = await api.call('DELETE', `/me/tokens/${created.body.details.id}`, { token });
    expect(res.status).toBe(404);
    expect((await api.call('GET', '/me', { token: created.body.token })).status).toBe(200);
  });
});

describe('admins manage roles', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('lets an admin find a user and make them an organiser, and nobody else', async () => {
    const admin = await api.tokenFor(['admin']);
    const moderator = await api.tokenFor(['moderator']);
    const person = await api.tokenFor([], 'Phạm Thu');
    const found = await api.call('GET', `/users?q=${encodeURIComponent('phạm')}`, { token: admin });
    expect(found.body.items.map((u: { displayName: string }) => u.displayName)).toEqual(['Phạm Thu']);
    const id = found.body.items[0].id;
    expect((await api.call('PUT', `/users/${id}/roles`, { token: moderator, body: { roles: ['organiser'] } })).status).toBe(403);
    const res = await api.call('PUT', `/users/${id}/roles`, { token: admin, body: { roles: ['organiser'] } });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['member', 'organiser']);
    expect((await api.call('GET', '/me', { token: person })).body.roles).toEqual(['member', 'organiser']);
  });
});
