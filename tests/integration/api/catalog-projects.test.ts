import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firmProject, must, projectInput } from '../../support/catalog.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { joinFirm } from '../../support/firms.js';

describe('catalogue: projects calling for investment', () => {
  let api: TestApi;
  let owner: string;
  let staff: string;
  let outsider: string;
  let organiser: string;
  let firmId: string;
  let unverifiedFirmId: string;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await api.tokenFor([], 'Chị Lan (owner)');
    staff = await api.tokenFor([], 'Anh Tuấn (staff)');
    outsider = await api.tokenFor([], 'Outsider');
    organiser = await api.tokenFor(['organiser'], 'Sở TT&TT');
    const moderator = await api.tokenFor(['moderator']);
    firmId = (await must(api, 'POST', '/firms', owner, { name: 'Sông Hàn Tech', sector: 'software', size: '51-200', city: 'Đà Nẵng' })).id;
    unverifiedFirmId = (await must(api, 'POST', '/firms', owner, { name: 'Mới Lập', sector: 'software', size: '1-10', city: 'Huế' })).id;
    await joinFirm(api, firmId, owner, staff);
    await must(api, 'PUT', `/firms/${firmId}/verification`, moderator, { verified: true });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('drafts a firm project that only the firm sees until it is published', async () => {
    const created = await api.call('POST', '/catalog/projects', { token: staff, body: projectInput({ ownerFirmId: firmId }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      amountUsd: { min: 200_000, max: 500_000 },
      owner: { kind: 'firm', firm: { id: firmId, name: 'Sông Hàn Tech', verified: true } },
    });
    const id = created.body.id as string;
    expect((await api.call('GET', `/catalog/projects/${id}`)).status).toBe(404);
    expect((await api.call('GET', `/catalog/projects/${id}`, { token: outsider })).status).toBe(404);
    expect((await api.call('GET', `/catalog/projects/${id}`, { token: owner })).status).toBe(200);
    const published = await api.call('POST', `/catalog/projects/${id}/publish`, { token: owner });
    expect(published.body).toMatchObject({ status: 'published' });
    expect(published.body.publishedAt).toEqual(expect.any(String));
    const anonymous = await api.call('GET', `/catalog/projects/${id}`);
    expect(anonymous.status).toBe(200);
    expect(JSON.stringify(anonymous.body)).not.toMatch(/email|phone|members/);
  });

  it('lets members edit, refuses outsiders, and freezes closed projects', async () => {
    const id = await firmProject(api, owner, firmId);
    const edited = await api.call('PATCH', `/catalog/projects/${id}`, { token: staff, body: { stage: 'growth', amountUsd: { min: 1, max: 2 } } });
    expect(edited.body).toMatchObject({ stage: 'growth', amountUsd: { min: 1, max: 2 } });
    const foreign = await api.call('PATCH', `/catalog/projects/${id}`, { token: outsider, body: { city: 'Huế' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('project.not_owner');
    expect((await api.call('POST', `/catalog/projects/${id}/close`, { token: owner })).body.status).toBe('closed');
    const late = await api.call('PATCH', `/catalog/projects/${id}`, { token: owner, body: { city: 'Huế' } });
    expect(late.status).toBe(409);
    expect((await api.call('POST', `/catalog/projects/${id}/close`, { token: owner })).body.error.code).toBe('project.illegal_transition');
  });

  it('refuses amounts that are not whole dollars or whose min exceeds max', async () => {
    for (const amountUsd of [{ min: 10, max: 5 }, { min: 1.5, max: 5 }, { min: -1, max: 5 }]) {
      const res = await api.call('POST', '/catalog/projects', { token: owner, body: projectInput({ ownerFirmId: firmId, amountUsd }) });
      expect(res.status).toBe(400);
    }
  });

  it('keeps programme projects to organisers and publishing to verified firms', async () => {
    const asMember = await api.call('POST', '/catalog/projects', { token: outsider, body: projectInput() });
    expect(asMember.status).toBe(403);
    expect(asMember.body.error.code).toBe('project.programme_only');
    const programme = await api.call('POST', '/catalog/projects', { token: organiser, body: projectInput() });
    expect(programme.body.owner).toEqual({ kind: 'programme' });
    expect((await api.call('POST', `/catalog/projects/${programme.body.id}/publish`, { token: organiser })).status).toBe(200);
    const draft = await firmProject(api, owner, unverifiedFirmId, true);
    const refused = await api.call('POST', `/catalog/projects/${draft}/publish`, { token: owner });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('firm.unverified');
  });

  describe('listing', () => {
    let small: string;
    let large: string;
    beforeAll(async () => {
      const base = { sector: 'Nông nghiệp', city: 'Quảng Nam' };
      small = await firmProject(api, owner, firmId, false, { ...base, stage: 'idea', amountUsd: { min: 10_000, max: 50_000 } });
      large = await firmProject(api, owner, firmId, false, {
        ...base,
        stage: 'expansion',
        amountUsd: { min: 2_000_000, max: 5_000_000 },
        title: { vi: 'Mở rộng phần mềm quản lý nông trại', en: 'Scaling farm software' },
      });
      await firmProject(api, owner, firmId, true, base);
    });
    const ids = (body: { items: { id: string }[] }) => body.items.map((p) => p.id);

    it('selects projects whose amount range overlaps the one asked for', async () => {
      const mid = await api.call('GET', '/catalog/projects?sector=nong%20nghiep&amountMin=40000&amountMax=2000000');
      expect(ids(mid.body).sort()).toEqual([small, large].sort());
      const above = await api.call('GET', '/catalog/projects?sector=nong%20nghiep&amountMin=60000');
      expect(ids(above.body)).toEqual([large]);
      const below = await api.call('GET', '/catalog/projects?sector=nong%20nghiep&amountMax=9999');
      expect(ids(below.body)).toEqual([]);
      expect((await api.call('GET', '/catalog/projects?amountMin=5&amountMax=4')).status).toBe(400);
    });

    it('filters by stage and finds texts without diacritics', async () => {
      expect(ids((await api.call('GET', '/catalog/projects?sector=N%C3%B4ng%20nghi%E1%BB%87p&stage=idea')).body)).toEqual([small]);
      const found = await api.call('GET', `/catalog/projects?q=${encodeURIComponent('phan mem nong trai')}`);
      expect(ids(found.body)[0]).toBe(large);
    });

    it('pages with a cursor, newest first, and shows drafts only to the owner', async () => {
      const first = await api.call('GET', '/catalog/projects?sector=nong%20nghiep&limit=1');
      expect(ids(first.body)).toEqual([large]);
      const second = await api.call('GET', `/catalog/projects?sector=nong%20nghiep&limit=1&cursor=${first.body.nextCursor}`);
      expect(ids(second.body)).toEqual([small]);
      expect(second.body.nextCursor).toBeNull();
      expect((await api.call('GET', '/catalog/projects?sector=nong%20nghiep&status=draft')).body.items).toEqual([]);
      expect((await api.call('GET', '/catalog/projects?sector=nong%20nghiep&status=draft', { token: outsider })).body.items).toEqual([]);
      expect((await api.call('GET', '/catalog/projects?sector=nong%20nghiep&status=draft', { token: staff })).body.items).toHaveLength(1);
    });
  });
});
