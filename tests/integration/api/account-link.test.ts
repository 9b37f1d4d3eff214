import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchingProfile, publishFixtureRequest } from '../../support/notification-world.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('linking accounts with a short code', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('joins the redeeming account into the code owner, merging contacts predictably', async () => {
    const telegramSide = await api.tokenFor(['expert'], 'An (Telegram)');
    const discordSide = await api.tokenFor(['organiser'], 'An (Discord)');
    await api.call('PATCH', '/me', { token: telegramSide, body: { contact: { email: 'an@example.vn' } } });
    await api.call('PATCH', '/me', {
      token: discordSide,
      body: { contact: { email: 'other@example.com', discord: 'an_dev' } },
    });
    const owner = await api.call('GET', '/me', { token: telegramSide });

    const code = await api.call('POST', '/me/link-codes', { token: telegramSide });
    expect(code.status).toBe(201);
    expect(code.body.code).toMatch(/^[A-Z2-9]{8}$/);

    const linked = await api.call('POST', '/me/link', { token: discordSide, body: { code: code.body.code.toLowerCase() } });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      id: owner.body.id,
      displayName: 'An (Telegram)',
      contact: { email: 'an@example.vn', discord: 'an_dev' },
    });
    expect([...linked.body.roles].sort()).toEqual(['expert', 'member', 'organiser']);

    // The other side's token now acts as the joined user.
    const viaDiscord = await api.call('GET', '/me', { token: discordSide });
    expect(viaDiscord.body.id).toBe(owner.body.id);
  });

  it('carries the expert profile and firm memberships over to the joined user', async () => {
    const expertSide = await api.tokenFor([], 'Expert side');
    const firmSide = await api.tokenFor([], 'Firm side');
    await api.call('PUT', '/experts/me', {
      token: expertSide,
      body: {
        headline: 'Go developer',
        skills: ['go'],
        languages: ['vi'],
        country: 'US',
        timezone: 'America/Los_Angeles',
        engagementTypes: ['mentoring'],
      },
    });
    await api.call('PUT', '/experts/me', {
      token: firmSide,
      body: {
        headline: 'Other profile',
        skills: ['rust'],
        languages: ['en'],
        country: 'VN',
        timezone: 'Asia/Ho_Chi_Minh',
        engagementTypes: ['investment'],
      },
    });
    const firm = await api.call('POST', '/firms', {
      token: firmSide,
      body: { name: 'Merge Co', sector: 'software', size: '1-10', city: 'Huế' },
    });
    const { body } = await api.call('POST', '/me/link-codes', { token: expertSide });
    expect((await api.call('POST', '/me/link', { token: firmSide, body: { code: body.code } })).status).toBe(200);

    const profile = await api.call('GET', '/experts/me', { token: expertSide });
    expect(profile.body).toMatchObject({ headline: 'Go developer', country: 'US' });
    expect([...profile.body.skills].sort()).toEqual(['go', 'rust']);
    expect([...profile.body.engagementTypes].sort()).toEqual(['investment', 'mentoring']);
    const firms = await api.call('GET', '/me/firms', { token: expertSide });
    expect(firms.body.items.map((f: { id: string }) => f.id)).toEqual([firm.body.id]);
    expect(firms.body.items[0].members).toEqual([{ userId: expect.any(String), role: 'owner' }]);
    const directory = await api.call('GET', '/experts?skills=rust');
    expect(directory.body.items).toHaveLength(1);
  });

  it('keeps one live introduction per request when both expert profiles had asked', async () => {
    const { requestId } = await publishFixtureRequest(api);
    const survivor = await api.tokenFor([], 'Expert survivor');
    const second = await api.tokenFor([], 'Expert second');
    for (const token of [survivor, second]) {
      await api.call('PUT', '/experts/me', { token, body: matchingProfile() });
      expect((await api.call('POST', `/requests/${requestId}/interest`, { token, body: {} })).status).toBe(201);
    }
    const { body } = await api.call('POST', '/me/link-codes', { token: survivor });
    expect((await api.call('POST', '/me/link', { token: second, body: { code: body.code } })).status).toBe(200);

    const intros = await api.call('GET', '/introductions', { token: survivor });
    expect(intros.body.items.map((i: { status: string }) => i.status).sort()).toEqual(['requested', 'withdrawn']);
    const again = await api.call('POST', `/requests/${requestId}/interest`, { token: survivor, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('introduction.exists');
  });

  it('works once: a spent code is refused', async () => {
    const a = await api.tokenFor([]);
    const b = await api.tokenFor([]);
    const c = await api.tokenFor([]);
    const { body } = await api.call('POST', '/me/link-codes', { token: a });
    expect((await api.call('POST', '/me/link', { token: b, body: { code: body.code } })).status).toBe(200);
    const again = await api.call('POST', '/me/link', { token: c, body: { code: body.code } });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('link.code_invalid');
  });

  it('refuses your own code with 409 and leaves the code valid for your other account', async () => {
    const a = await api.tokenFor([]);
    const b = await api.tokenFor([]);
    const { body } = await api.call('POST', '/me/link-codes', { token: a });
    const res = await api.call('POST', '/me/link', { token: a, body: { code: body.code } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('link.same_user');
    expect((await api.call('POST', '/me/link', { token: b, body: { code: body.code } })).status).toBe(200);
  });

  it('refuses to join two accounts of the same platform, in the redeemer’s language, and the code stays valid', async () => {
    const { services } = api.service;
    const telegramUser = async (externalId: string, locale: 'vi' | 'en') => {
      const user = await services.users.findOrCreateByIdentity('telegram', externalId, { displayName: `tg ${externalId}`, locale });
      return { user, token: (await services.tokens.issue(user._id, { name: 'test' })).token };
    };
    const owner = await telegramUser('81000001', 'en');
    const redeemer = await telegramUser('81000002', 'vi');
    const { body } = await api.call('POST', '/me/link-codes', { token: owner.token });

    const refused = await api.call('POST', '/me/link', { token: redeemer.token, body: { code: body.code }, lang: 'vi' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'link.same_platform', details: { platform: 'telegram' } });
    expect(refused.body.error.message).toBe('Hai tài khoản này cùng ở Telegram. Chỉ liên kết được các tài khoản trên những nền tảng khác nhau; mã vẫn dùng được.');
    // Nothing changed for the redeemer: same user, same language.
    const me = await api.call('GET', '/me', { token: redeemer.token });
    expect(me.body).toMatchObject({ id: String(redeemer.user._id), locale: 'vi' });

    const apiSide = await api.tokenFor([]);
    const linked = await api.call('POST', '/me/link', { token: apiSide, body: { code: body.code } });
    expect(linked.status).toBe(200);
    expect(linked.body.id).toBe(String(owner.user._id));
  });

  it('lets exactly one of two simultaneous redeemers have a code', async () => {
    const owner = await api.tokenFor([]);
    const [b, c] = await Promise.all([api.tokenFor([]), api.tokenFor([])]);
    const { body } = await api.call('POST', '/me/link-codes', { token: owner });
    const results = await Promise.all([
      api.call('POST', '/me/link', { token: b, body: { code: body.code } }),
      api.call('POST', '/me/link', { token: c, body: { code: body.code } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
  });
});

describe('link code expiry', () => {
  it('refuses a code after ten minutes', async () => {
    const api = await startTestApi();
    try {
      const { services } = api.service;
      const owner = await services.users.create({ displayName: 'owner' });
      const other = await services.users.create({ displayName: 'other' });
      const { code, expiresAt } = await services.links.createCode(owner._id);
      expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
      expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
      await api.service.connection
        .collection('link_codes')
        .updateOne({ _id: code as never }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      await expect(services.links.redeem(code, other._id)).rejects.toMatchObject({ code: 'link.code_invalid' });
    } finally {
      await api.stop();
    }
  });
});
