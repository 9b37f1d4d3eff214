import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectInterestModel } from '../../../src/domain/catalog/project-interest.model.js';
import { firmProject, must, projectInput } from '../../support/catalog.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { joinFirm } from '../../support/firms.js';

describe('catalogue: interest in a project is a double opt-in', () => {
  let api: TestApi;
  let owner: string;
  let staff: string;
  let investor: string;
  let outsider: string;
  let organiser: string;
  let firmId: string;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await api.tokenFor([], 'Chị Lan (owner)');
    staff = await api.tokenFor([], 'Anh Tuấn (staff)');
    investor = await api.tokenFor([], 'Quỹ Mekong');
    outsider = await api.tokenFor([], 'Outsider');
    organiser = await api.tokenFor(['organiser'], 'Sở TT&TT');
    const moderator = await api.tokenFor(['moderator']);
    await api.call('PATCH', '/me', { token: staff, body: { contact: { email: 'tuan@songhan.vn' } } });
    await api.call('PATCH', '/me', { token: investor, body: { contact: { email: 'fund@mekong.vc', phone: '+84 28 000 000' } } });
    firmId = (await must(api, 'POST', '/firms', owner, { name: 'Sông Hàn Tech', sector: 'software', size: '51-200', city: 'Đà Nẵng', website: 'https://songhan.vn' })).id;
    await joinFirm(api, firmId, owner, staff);
    await must(api, 'PUT', `/firms/${firmId}/verification`, moderator, { verified: true });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('shares contacts only after the owner accepts', async () => {
    const projectId = await firmProject(api, owner, firmId);
    const asked = await api.call('POST', `/catalog/projects/${projectId}/interest`, { token: investor, body: { message: 'Xin gặp để trao đổi.' } });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'requested', yourSide: 'requester', contacts: null });
    const id = asked.body.id as string;
    const seenByFirm = await api.call('GET', `/catalog/interests/${id}`, { token: owner });
    expect(seenByFirm.body).toMatchObject({ yourSide: 'owner', message: 'Xin gặp để trao đổi.', contacts: null });
    expect((await api.call('GET', `/catalog/interests/${id}`, { token: outsider })).status).toBe(404);

    const ownTurn = await api.call('POST', `/catalog/interests/${id}/accept`, { token: investor });
    expect(ownTurn.status).toBe(403);
    const accepted = await api.call('POST', `/catalog/interests/${id}/accept`, { token: staff });
    expect(accepted.body.status).toBe('accepted');
    const seenByInvestor = await api.call('GET', `/catalog/interests/${id}`, { token: investor });
    expect(seenByInvestor.body.contacts).toEqual({
      requester: { displayName: 'Quỹ Mekong', email: 'fund@mekong.vc', phone: '+84 28 000 000' },
      owner: { kind: 'firm', name: 'Sông Hàn Tech', website: 'https://songhan.vn', person: { displayName: 'Anh Tuấn (staff)', email: 'tuan@songhan.vn' } },
    });
    const again = await api.call('POST', `/catalog/interests/${id}/decline`, { token: owner });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('interest.illegal_transition');
  });

  it('allows one live interest per person and project, and a new one after withdrawing', async () => {
    const projectId = await firmProject(api, owner, firmId);
    const first = await must(api, 'POST', `/catalog/projects/${projectId}/interest`, investor, {});
    const twice = await api.call('POST', `/catalog/projects/${projectId}/interest`, { token: investor, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('interest.exists');
    expect((await api.call('POST', `/catalog/interests/${first.id}/withdraw`, { token: owner })).status).toBe(403);
    expect((await api.call('POST', `/catalog/interests/${first.id}/withdraw`, { token: investor })).body.status).toBe('withdrawn');
    expect((await api.call('POST', `/catalog/projects/${projectId}/interest`, { token: investor, body: {} })).status).toBe(201);
  });

  it('refuses interest in drafts, closed projects and one’s own project', async () => {
    const draft = await firmProject(api, owner, firmId, true);
    expect((await api.call('POST', `/catalog/projects/${draft}/interest`, { token: investor, body: {} })).status).toBe(404);
    const closed = await firmProject(api, owner, firmId);
    await must(api, 'POST', `/catalog/projects/${closed}/close`, owner);
    expect((await api.call('POST', `/catalog/projects/${closed}/interest`, { token: investor, body: {} })).body.error.code).toBe('project.not_published');
    const own = await firmProject(api, owner, firmId);
    expect((await api.call('POST', `/catalog/projects/${own}/interest`, { token: staff, body: {} })).body.error.code).toBe('interest.own_project');
  });

  it('lets organisers answer for programme projects', async () => {
    const { id: projectId } = await must(api, 'POST', '/catalog/projects', organiser, projectInput());
    await must(api, 'POST', `/catalog/projects/${projectId}/publish`, organiser);
    const { id } = await must(api, 'POST', `/catalog/projects/${projectId}/interest`, investor, {});
    const mine = await api.call('GET', '/catalog/interests?status=requested', { token: organiser });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const declined = await api.call('POST', `/catalog/interests/${id}/decline`, { token: organiser });
    expect(declined.body).toMatchObject({ status: 'declined', yourSide: 'owner', contacts: null });
  });

  it('expires interest left unanswered for 14 days', async () => {
    const projectId = await firmProject(api, owner, firmId);
    const { id } = await must(api, 'POST', `/catalog/projects/${projectId}/interest`, investor, {});
    const interest = await projectInterestModel(api.service.connection).findById(id).lean();
    expect(Math.abs(interest!.expiresAt.getTime() - interest!.createdAt.getTime() - 14 * 86_400_000)).toBeLessThan(1000);
    await projectInterestModel(api.service.connection).updateOne({ _id: id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await api.call('POST', `/catalog/interests/${id}/accept`, { token: owner });
    expect(late.status).toBe(409);
    expect((await api.call('GET', `/catalog/interests/${id}`, { token: investor })).body.status).toBe('expired');
    expect((await api.call('POST', `/catalog/projects/${projectId}/interest`, { token: investor, body: {} })).status).toBe(201);
  });
});
