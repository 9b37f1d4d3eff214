import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/service.js';
import { joinFirm } from '../../support/firms.js';

const firmInput = { name: 'Công ty Phần mềm Sông Hàn', sector: 'software', size: '51-200', city: 'Đà Nẵng' };

describe('firms: owners, staff and verification', () => {
  let api: TestApi;
  let owner: string;
  let staff: string;
  let staffId: string;
  let stranger: string;
  let moderator: string;
  let firmId: string;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await api.tokenFor([], 'Owner');
    staff = await api.tokenFor([], 'Staff');
    stranger = await api.tokenFor([], 'Stranger');
    moderator = await api.tokenFor(['moderator'], 'Mod');
    staffId = (await api.call('GET', '/me', { token: staff })).body.id;
  });
  afterAll(async () => {
    await api.stop();
  });

  it('creates an unverified firm owned by its creator', async () => {
    const res = await api.call('POST', '/firms', { token: owner, body: firmInput });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: firmInput.name, verified: false, country: 'VN' });
    expect(res.body.members).toEqual([{ userId: expect.any(String), role: 'owner' }]);
    firmId = res.body.id;
  });

  it('lets the owner invite staff who join by accepting, and shows members only to insiders', async () => {
    await joinFirm(api, firmId, owner, staff);
    const added = await api.call('GET', `/firms/${firmId}`, { token: owner });
    expect(added.body.members).toContainEqual({ userId: staffId, role: 'staff' });
    const outside = await api.call('GET', `/firms/${firmId}`, { token: stranger });
    expect(outside.body.members).toBeUndefined();
    const inside = await api.call('GET', `/firms/${firmId}`, { token: staff });
    expect(inside.body.members).toHaveLength(2);
  });

  it('lets staff edit the profile but not manage people', async () => {
    const edited = await api.call('PATCH', `/firms/${firmId}`, { token: staff, body: { website: 'https://songhan.vn' } });
    expect(edited.status).toBe(200);
    expect(edited.body.website).toBe('https://songhan.vn');
    const strangerId = (await api.call('GET', '/me', { token: stranger })).body.id;
    const refused = await api.call('POST', `/firms/${firmId}/invitations`, { token: staff, body: { userId: strangerId } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('firm.owner_only');
  });

  it('refuses outsiders any change', async () => {
    const res = await api.call('PATCH', `/firms/${firmId}`, { token: stranger, body: { city: 'Hà Nội' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('firm.not_member');
  });

  it('keeps at least one owner', async () => {
    const ownerId = (await api.call('GET', '/me', { token: owner })).body.id;
    const res = await api.call('DELETE', `/firms/${firmId}/members/${ownerId}`, { token: owner });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('firm.last_owner');
  });

  it('lets a staff member leave by themselves', async () => {
    const other = await api.tokenFor([], 'Temp');
    const otherId = await joinFirm(api, firmId, owner, other);
    expect((await api.call('DELETE', `/firms/${firmId}/members/${otherId}`, { token: other })).status).toBe(204);
    expect((await api.call('GET', '/me/firms', { token: other })).body.items).toEqual([]);
  });

  it('lets only moderators verify a firm', async () => {
    const byOwner = await api.call('PUT', `/firms/${firmId}/verification`, { token: owner, body: { verified: true } });
    expect(byOwner.status).toBe(403);
    const byModerator = await api.call('PUT', `/firms/${firmId}/verification`, {
      token: moderator,
      body: { verified: true },
    });
    expect(byModerator.status).toBe(200);
    expect(byModerator.body.verified).toBe(true);
  });

  it('finds the firm by its city typed without diacritics', async () => {
    const res = await api.call('GET', `/firms?q=${encodeURIComponent('da nang')}`);
    expect(res.body.items.map((f: { id: string }) => f.id)).toEqual([firmId]);
  });

  it('refuses bad firm input with 400 naming the fields', async () => {
    const res = await api.call('POST', '/firms', {
      token: owner,
      body: { ...firmInput, size: 'huge', website: 'javascript:alert(1)', name: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.name',
      'body.size',
      'body.website',
    ]);
  });
});
