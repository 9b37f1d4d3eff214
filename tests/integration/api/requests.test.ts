import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { requestInput } from '../../support/fixtures.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('collaboration requests', () => {
  let api: TestApi;
  let owner: string;
  let stranger: string;
  let moderator: string;
  let firmId: string;
  let requestId: string;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await api.tokenFor([], 'Firm owner');
    stranger = await api.tokenFor([], 'Stranger');
    moderator = await api.tokenFor(['moderator']);
    firmId = (await api.call('POST', '/firms', { token: owner, body: { name: 'Hải Phòng Soft', sector: 'software', size: '11-50', city: 'Hải Phòng' } })).body.id;
  });
  afterAll(async () => {
    await api.stop();
  });

  it('drafts a request with defaults and normalised skills, visible only to the firm', async () => {
    const res = await api.call('POST', `/firms/${firmId}/requests`, { token: owner, body: requestInput });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      skillsMust: ['kubernetes', 'go'],
      skillsNice: ['amazon-web-services'],
      languages: ['vi', 'en'],
      timezoneWindow: { timezone: 'Asia/Ho_Chi_Minh', startHour: 8, endHour: 17 },
      firm: { id: firmId, name: 'Hải Phòng Soft', verified: false },
    });
    requestId = res.body.id;
    expect((await api.call('GET', `/requests/${requestId}`, { token: stranger })).status).toBe(404);
    expect((await api.call('GET', `/requests/${requestId}`, { token: owner })).status).toBe(200);
    expect((await api.call('GET', '/requests')).body.items).toEqual([]);
  });

  it('refuses drafting for a firm you do not belong to', async () => {
    const res = await api.call('POST', `/firms/${firmId}/requests`, { token: stranger, body: requestInput });
    expect(res.status).toBe(403);
  });

  it('will not publish until the firm is verified (422)', async () => {
    const res = await api.call('POST', `/requests/${requestId}/publish`, { token: owner });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('firm.unverified');
  });

  it('publishes after verification and writes exactly one outbox notice', async () => {
    await api.call('PUT', `/firms/${firmId}/verification`, { token: moderator, body: { verified: true } });
    const res = await api.call('POST', `/requests/${requestId}/publish`, { token: owner });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('open');
    expect(res.body.publishedAt).not.toBeNull();
    const notices = await noticeModel(api.service.connection).find({ 'subject.id': requestId }).lean();
    expect(notices.map((n) => [n.type, n.status])).toEqual([['request.published', 'pending']]);
    const raw = await api.service.connection.collection('requests').findOne({}, { projection: { outbox: 1 } });
    expect(raw?.outbox).toEqual([]);
  });

  it('refuses publishing twice with 409 and writes no second notice', async () => {
    const res = await api.call('POST', `/requests/${requestId}/publish`, { token: owner });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'request.illegal_transition', details: { from: 'open', to: 'open' } });
    expect(await noticeModel(api.service.connection).countDocuments({ 'subject.id': requestId })).toBe(1);
  });

  it('lists open requests publicly and finds them by skill alias and unaccented text', async () => {
    expect((await api.call('GET', '/requests')).body.items.map((r: { id: string }) => r.id)).toEqual([requestId]);
    expect((await api.call('GET', '/requests?skills=kube')).body.items).toHaveLength(1);
    expect((await api.call('GET', '/requests?skills=react')).body.items).toHaveLength(0);
    const text = await api.call('GET', `/requests?q=${encodeURIComponent('hai phong')}`);
    expect(text.body.items.map((r: { id: string }) => r.id)).toEqual([requestId]);
  });

  it('closes and then marks filled, refusing edits afterwards', async () => {
    expect((await api.call('POST', `/requests/${requestId}/close`, { token: owner })).body.status).toBe('closed');
    expect((await api.call('POST', `/requests/${requestId}/fill`, { token: owner })).body.status).toBe('filled');
    const edit = await api.call('PATCH', `/requests/${requestId}`, { token: owner, body: { city: 'Huế' } });
    expect(edit.status).toBe(409);
    expect((await api.call('GET', '/requests')).body.items).toEqual([]);
    const mine = await api.call('GET', `/requests?firmId=${firmId}&status=filled`, { token: owner });
    expect(mine.body.items).toHaveLength(1);
  });

  it('refuses a deadline in the past (422) and text in neither language (400)', async () => {
    const past = await api.call('POST', `/firms/${firmId}/requests`, {
      token: owner,
      body: { ...requestInput, deadline: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('request.deadline_past');
    const empty = await api.call('POST', `/firms/${firmId}/requests`, {
      token: owner,
      body: { ...requestInput, title: {} },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0].path).toBe('body.title');
  });
});
