import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { requestInput } from '../../support/fixtures.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { joinFirm } from '../../support/firms.js';

const expertProfile = {
  headline: 'Kubernetes engineer',
  skills: ['kubernetes', 'go'],
  languages: ['vi', 'en'],
  country: 'DE',
  timezone: 'Europe/Berlin',
  engagementTypes: ['remote_consulting'],
};

describe('introductions: double opt-in between an expert and a firm', () => {
  let api: TestApi;
  let owner: string;
  let staff: string;
  let expert: string;
  let outsider: string;
  let requestId: string;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await api.tokenFor([], 'Chị Lan (owner)');
    staff = await api.tokenFor([], 'Anh Tuấn (staff)');
    expert = await api.tokenFor([], 'Dr. Minh');
    outsider = await api.tokenFor([], 'Outsider');
    const moderator = await api.tokenFor(['moderator']);
    await api.call('PATCH', '/me', { token: owner, body: { contact: { email: 'lan@songhan.vn', phone: '+84 905 000 111' } } });
    await api.call('PATCH', '/me', { token: expert, body: { contact: { email: 'minh@example.de', telegram: '@minh_k8s' } } });
    const firm = await api.call('POST', '/firms', {
      token: owner,
      body: { name: 'Sông Hàn Tech', sector: 'software', size: '51-200', city: 'Đà Nẵng', website: 'https://songhan.vn' },
    });
    await joinFirm(api, firm.body.id, owner, staff);
    await api.call('PUT', `/firms/${firm.body.id}/verification`, { token: moderator, body: { verified: true } });
    requestId = (await api.call('POST', `/firms/${firm.body.id}/requests`, { token: owner, body: requestInput })).body.id;
    await api.call('POST', `/requests/${requestId}/publish`, { token: owner });
    await api.call('PUT', '/experts/me', { token: expert, body: expertProfile });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('needs an expert profile before expressing interest', async () => {
    const res = await api.call('POST', `/requests/${requestId}/interest`, { token: outsider, body: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('introduction.needs_profile');
  });

  let introId: string;
  it('records the expert’s interest without sharing any contact', async () => {
    const res = await api.call('POST', `/requests/${requestId}/interest`, {
      token: expert,
      body: { message: 'Tôi đã làm việc này nhiều lần.' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'requested', initiator: 'expert', yourSide: 'expert', contacts: null });
    introId = res.body.id;
    const firmSide = await api.call('GET', `/introductions/${introId}`, { token: staff });
    expect(firmSide.body).toMatchObject({ yourSide: 'firm', contacts: null });
    expect(JSON.stringify(firmSide.body)).not.toContain('minh@example.de');
  });

  it('refuses a second live introduction for the same pair (409)', async () => {
    const res = await api.call('POST', `/requests/${requestId}/interest`, { token: expert, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('introduction.exists');
  });

  it('hides the introduction from everyone else (404)', async () => {
    expect((await api.call('GET', `/introductions/${introId}`, { token: outsider })).status).toBe(404);
    expect((await api.call('POST', `/introductions/${introId}/accept`, { token: outsider })).status).toBe(404);
    expect((await api.call('GET', '/introductions', { token: outsider })).body.items).toEqual([]);
  });

  it('does not let the expert accept their own request', async () => {
    const res = await api.call('POST', `/introductions/${introId}/accept`, { token: expert });
    expect(res.status).toBe(403);
  });

  it('lets exactly one of two staff accepting at the same moment change the state', async () => {
    const [a, b] = await Promise.all([
      api.call('POST', `/introductions/${introId}/accept`, { token: owner }),
      api.call('POST', `/introductions/${introId}/accept`, { token: staff }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const accepted = await noticeModel(api.service.connection).countDocuments({
      'subject.id': introId,
      type: 'introduction.accepted',
    });
    expect(accepted).toBe(1);
  });

  it('shows both sides each other’s contacts once both said yes', async () => {
    const res = await api.call('GET', `/introductions/${introId}`, { token: expert });
    expect(res.body.status).toBe('accepted');
    expect(res.body.contacts.expert).toMatchObject({ displayName: 'Dr. Minh', email: 'minh@example.de' });
    expect(res.body.contacts.firm).toMatchObject({ name: 'Sông Hàn Tech', website: 'https://songhan.vn' });
    expect(['Chị Lan (owner)', 'Anh Tuấn (staff)']).toContain(res.body.contacts.firm.person.displayName);
  });

  it('refuses to decline or withdraw an accepted introduction (409)', async () => {
    expect((await api.call('POST', `/introductions/${introId}/decline`, { token: owner })).status).toBe(409);
    expect((await api.call('POST', `/introductions/${introId}/withdraw`, { token: expert })).status).toBe(409);
  });

  it('lets a firm invite an expert, and the expert decline', async () => {
    const other = await api.tokenFor([], 'Expert Two');
    const otherExpertId = (await api.call('PUT', '/experts/me', { token: other, body: expertProfile })).body.id;
    const invited = await api.call('POST', `/requests/${requestId}/invitations`, {
      token: staff,
      body: { expertId: otherExpertId },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ initiator: 'firm', yourSide: 'firm' });
    const mine = await api.call('GET', '/introductions?status=requested', { token: other });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([invited.body.id]);
    const declined = await api.call('POST', `/introductions/${invited.body.id}/decline`, { token: other });
    expect(declined.body).toMatchObject({ status: 'declined', contacts: null });
  });

  it('lets the side that asked withdraw, and ask again afterwards', async () => {
    const third = await api.tokenFor([], 'Expert Three');
    await api.call('PUT', '/experts/me', { token: third, body: expertProfile });
    const first = await api.call('POST', `/requests/${requestId}/interest`, { token: third, body: {} });
    const withdrawn = await api.call('POST', `/introductions/${first.body.id}/withdraw`, { token: third });
    expect(withdrawn.body.status).toBe('withdrawn');
    const again = await api.call('POST', `/requests/${requestId}/interest`, { token: third, body: {} });
    expect(again.status).toBe(201);
  });

  it('expires introductions left unanswered for 14 days', async () => {
    const fourth = await api.tokenFor([], 'Expert Four');
    await api.call('PUT', '/experts/me', { token: fourth, body: expertProfile });
    const asked = await api.call('POST', `/requests/${requestId}/interest`, { token: fourth, body: {} });
    expect(new Date(asked.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    await api.service.connection
      .collection('introductions')
      .updateOne({ status: 'requested', expiresAt: new Date(asked.body.expiresAt) }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    const late = await api.call('POST', `/introductions/${asked.body.id}/accept`, { token: owner });
    expect(late.status).toBe(409);
    expect((await api.call('GET', `/introductions/${asked.body.id}`, { token: fourth })).body.status).toBe('expired');
  });

  it('refuses interest in a request that is closed', async () => {
    const fifth = await api.tokenFor([], 'Expert Five');
    await api.call('PUT', '/experts/me', { token: fifth, body: expertProfile });
    await api.call('POST', `/requests/${requestId}/close`, { token: owner });
    const res = await api.call('POST', `/requests/${requestId}/interest`, { token: fifth, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('request.not_open');
  });
});
