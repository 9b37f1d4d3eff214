import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../src/api/routes/index.js';
import { expertModel } from '../../../src/domain/experts/expert.model.js';
import { userModel } from '../../../src/domain/users/user.model.js';
import { requestInput } from '../../support/fixtures.js';
import { broadcastMatrixRows } from '../../support/broadcast-matrix.js';
import { catalogMatrixRows } from '../../support/catalog-matrix.js';
import { eventMatrixRows } from '../../support/events-matrix.js';
import { forumMatrixRows } from '../../support/forum-matrix.js';
import { createCategory } from '../../support/forum.js';
import { everyone, PERSONAS, signedIn, type Cell, type Row, type Signed } from '../../support/matrix.js';
import { webhookMatrixRows } from '../../support/webhooks-matrix.js';
import { startTestApi, type ApiAnswer, type TestApi } from '../../support/service.js';

interface World {
  tokens: Record<Signed, string>;
  ids: Record<Signed, string>;
  firmId: string;
  otherFirmId: string;
  openRequestId: string;
  draftRequestId: string;
  expertProfileId: string;
  introId: string;
}

const expertProfile = {
  headline: 'Kubernetes engineer in Berlin',
  skills: ['kubernetes', 'go'],
  languages: ['vi', 'en'],
  country: 'DE',
  timezone: 'Europe/Berlin',
  engagementTypes: ['remote_consulting'],
};

let api: TestApi;
let w: World;
let forumCategoryId = '';

/** Setup calls must succeed, or the matrix would blame the wrong cell. */
async function must(pending: Promise<ApiAnswer>, status: number): Promise<{ id: string; code: string }> {
  const res = await pending;
  if (res.status !== status) throw new Error(`setup expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string };
}

const as = (persona: Signed) => ({ token: w.tokens[persona] });

async function freshDraft(): Promise<string> {
  return (await must(api.call('POST', `/firms/${w.firmId}/requests`, { ...as('firmOwner'), body: requestInput }), 201)).id;
}

async function freshOpenRequest(): Promise<string> {
  const id = await freshDraft();
  await must(api.call('POST', `/requests/${id}/publish`, as('firmOwner')), 200);
  return id;
}

/** An introduction the expert asked for, still waiting for the firm. */
async function freshExpertIntro(): Promise<string> {
  const requestId = await freshOpenRequest();
  return (await must(api.call('POST', `/requests/${requestId}/interest`, { ...as('expert'), body: {} }), 201)).id;
}

async function freshUserId(): Promise<string> {
  return String((await api.service.services.users.create({ displayName: 'Someone new' }))._id);
}

/** A throwaway user with a token of their own. */
async function freshPerson(): Promise<{ id: string; token: string }> {
  const user = await api.service.services.users.create({ displayName: 'Someone new' });
  return { id: String(user._id), token: (await api.service.services.tokens.issue(user._id, { name: 'matrix' })).token };
}

/** A throwaway user already on the firm's staff (invited and accepted), ready to be removed. */
async function freshStaffId(): Promise<string> {
  const person = await freshPerson();
  await must(api.call('POST', `/firms/${w.firmId}/invitations`, { ...as('firmOwner'), body: { userId: person.id } }), 201);
  await must(api.call('POST', `/me/firm-invitations/${w.firmId}/accept`, { token: person.token }), 200);
  return person.id;
}

/** A fresh firm (owned by a throwaway user) that has invited the persona; the firm's id. */
async function firmInviting(persona: Signed): Promise<string> {
  const owner = await freshPerson();
  const firm = await must(api.call('POST', '/firms', { token: owner.token, body: { name: 'Mời Bạn', sector: 'software', size: '1-10', city: 'Huế' } }), 201);
  await must(api.call('POST', `/firms/${firm.id}/invitations`, { token: owner.token, body: { userId: w.ids[persona] } }), 201);
  return firm.id;
}

/** An invitation the firm's owner made to a throwaway user; that user's id. */
async function freshInviteeId(): Promise<string> {
  const person = await freshPerson();
  await must(api.call('POST', `/firms/${w.firmId}/invitations`, { ...as('firmOwner'), body: { userId: person.id } }), 201);
  return person.id;
}

const moderators = (status: number) => ({ ...signedIn(403), moderator: status, admin: status });

/** A thread by a user outside the personas. */
async function outsiderThread(): Promise<string> {
  const token = await api.tokenFor([], 'Outsider');
  const body = { categoryId: forumCategoryId, title: 'Quảng cáo?', body: 'Mua ngay', locale: 'vi' };
  return (await must(api.call('POST', '/forum/threads', { token, body }), 201)).id;
}

/** A reply by a user outside the personas. */
async function outsiderPost(): Promise<string> {
  const token = await api.tokenFor([], 'Outsider');
  return (await must(api.call('POST', `/forum/threads/${await outsiderThread()}/posts`, { token, body: { body: 'Mua ngay' } }), 201)).id;
}

/** PUT /experts/me turns anyone into an expert; undo it so other rows see the world as built. */
async function putProfileAndRestore(cell: Cell): Promise<ApiAnswer> {
  const res = await cell.call('PUT', '/experts/me', expertProfile);
  if (cell.persona !== 'anonymous' && cell.persona !== 'expert') {
    const userId = new Types.ObjectId(w.ids[cell.persona]);
    await expertModel(api.service.connection).deleteOne({ userId });
    await userModel(api.service.connection).updateOne({ _id: userId }, { $pull: { roles: 'expert' } });
  }
  return res;
}

const firmInsiders = { firmOwner: 200, firmStaff: 200, admin: 200 };

const rows: Row[] = [
  // Me
  { op: 'getMe', expect: signedIn(200), call: (c) => c.call('GET', '/me') },
  { op: 'updateMe', expect: signedIn(200), call: (c) => c.call('PATCH', '/me', { timezone: 'Asia/Ho_Chi_Minh' }) },
  { op: 'listMyTokens', expect: signedIn(200), call: (c) => c.call('GET', '/me/tokens') },
  { op: 'createMyToken', expect: signedIn(201), call: (c) => c.call('POST', '/me/tokens', { name: 'matrix' }) },
  {
    op: 'revokeMyToken', // the firm owner's spare token: nobody else may even see it
    expect: { ...signedIn(404), firmOwner: 204 },
    call: async (c) => {
      const spare = await api.service.services.tokens.issue(new Types.ObjectId(w.ids.firmOwner), { name: 'spare' });
      return c.call('DELETE', `/me/tokens/${String(spare.record._id)}`);
    },
  },
  { op: 'createLinkCode', expect: signedIn(201), call: (c) => c.call('POST', '/me/link-codes') },
  {
    op: 'redeemLinkCode', // one's own code: reaches the domain without merging personas away (409 link.same_user)
    expect: signedIn(409),
    call: async (c) => {
      const { code } = await must(api.call('POST', '/me/link-codes', { token: c.token ?? w.tokens.member }), 201);
      return c.call('POST', '/me/link', { code });
    },
  },
  // Admin
  { op: 'listUsers', expect: { ...signedIn(403), admin: 200 }, call: (c) => c.call('GET', '/users?role=moderator') },
  {
    op: 'setUserRoles',
    expect: { ...signedIn(403), admin: 200 },
    call: async (c) => c.call('PUT', `/users/${await freshUserId()}/roles`, { roles: ['organiser'] }),
  },
  // Experts
  { op: 'getMyExpertProfile', expect: { ...signedIn(404), expert: 200 }, call: (c) => c.call('GET', '/experts/me') },
  {
    op: 'patchMyExpertProfile',
    expect: { ...signedIn(404), expert: 200 },
    call: (c) => c.call('PATCH', '/experts/me', { hoursPerWeek: 20 }),
  },
  { op: 'putMyExpertProfile', expect: { ...signedIn(201), expert: 200 }, call: putProfileAndRestore },
  { op: 'listExperts', expect: everyone(200), call: (c) => c.call('GET', '/experts?skills=k8s&country=DE') },
  { op: 'getExpert', expect: everyone(200), call: (c) => c.call('GET', `/experts/${w.expertProfileId}`) },
  { op: 'suggestSkills', expect: everyone(200), call: (c) => c.call('GET', '/skills?q=ku') },
  // Firms
  {
    op: 'createFirm',
    expect: signedIn(201),
    call: (c) => c.call('POST', '/firms', { name: 'Huế Data', sector: 'data', size: '1-10', city: 'Huế' }),
  },
  { op: 'listFirms', expect: everyone(200), call: (c) => c.call('GET', '/firms?verified=true') },
  { op: 'listMyFirms', expect: signedIn(200), call: (c) => c.call('GET', '/me/firms') },
  { op: 'getFirm', expect: everyone(200), call: (c) => c.call('GET', `/firms/${w.firmId}`) },
  {
    op: 'updateFirm',
    expect: { ...signedIn(403), ...firmInsiders },
    call: (c) => c.call('PATCH', `/firms/${w.firmId}`, { city: 'Đà Nẵng' }),
  },
  {
    op: 'inviteFirmMember',
    expect: { ...signedIn(403), firmOwner: 201, admin: 201 },
    call: async (c) => c.call('POST', `/firms/${w.firmId}/invitations`, { userId: await freshUserId() }),
  },
  { op: 'listFirmInvitations', expect: { ...signedIn(403), firmOwner: 200, admin: 200 }, call: (c) => c.call('GET', `/firms/${w.firmId}/invitations`) },
  {
    op: 'withdrawFirmInvitation',
    expect: { ...signedIn(403), firmOwner: 204, admin: 204 },
    call: async (c) => c.call('DELETE', `/firms/${w.firmId}/invitations/${await freshInviteeId()}`),
  },
  { op: 'listMyFirmInvitations', expect: signedIn(200), call: (c) => c.call('GET', '/me/firm-invitations') },
  {
    op: 'acceptFirmInvitation',
    expect: signedIn(200),
    call: async (c) => c.call('POST', `/me/firm-invitations/${c.persona === 'anonymous' ? w.firmId : await firmInviting(c.persona)}/accept`),
  },
  {
    op: 'declineFirmInvitation',
    expect: signedIn(204),
    call: async (c) => c.call('POST', `/me/firm-invitations/${c.persona === 'anonymous' ? w.firmId : await firmInviting(c.persona)}/decline`),
  },
  {
    op: 'changeFirmMemberRole',
    expect: { ...signedIn(403), firmOwner: 200, admin: 200 },
    call: async (c) => c.call('PATCH', `/firms/${w.firmId}/members/${await freshStaffId()}`, { role: 'staff' }),
  },
  {
    op: 'removeFirmMember',
    expect: { ...signedIn(403), firmOwner: 204, admin: 204 },
    call: async (c) => c.call('DELETE', `/firms/${w.firmId}/members/${await freshStaffId()}`),
  },
  {
    op: 'setFirmVerification',
    expect: { ...signedIn(403), moderator: 200, admin: 200 },
    call: (c) => c.call('PUT', `/firms/${w.firmId}/verification`, { verified: true }),
  },
  // Requests: a draft must stay invisible (404) to everyone outside the firm
  {
    op: 'createRequest',
    expect: { ...signedIn(403), firmOwner: 201, firmStaff: 201, admin: 201 },
    call: (c) => c.call('POST', `/firms/${w.firmId}/requests`, requestInput),
  },
  { op: 'listRequests', expect: everyone(200), call: (c) => c.call('GET', `/requests?firmId=${w.firmId}&status=draft`) },
  { op: 'getRequest', expect: { ...everyone(404), ...firmInsiders }, call: (c) => c.call('GET', `/requests/${w.draftRequestId}`) },
  {
    op: 'updateRequest',
    expect: { ...signedIn(404), ...firmInsiders },
    call: (c) => c.call('PATCH', `/requests/${w.draftRequestId}`, { city: 'Hải Phòng' }),
  },
  {
    op: 'publishRequest',
    expect: { ...signedIn(404), ...firmInsiders },
    call: async (c) => c.call('POST', `/requests/${await freshDraft()}/publish`),
  },
  {
    op: 'closeRequest', // an open request is public, so outsiders may learn it exists: 403
    expect: { ...signedIn(403), ...firmInsiders },
    call: async (c) => c.call('POST', `/requests/${await freshOpenRequest()}/close`),
  },
  {
    op: 'fillRequest',
    expect: { ...signedIn(403), ...firmInsiders },
    call: async (c) => c.call('POST', `/requests/${await freshOpenRequest()}/fill`),
  },
  // Introductions: only the two sides (and admins, read-only) ever see one
  {
    op: 'expressInterest', // everyone but the expert lacks a profile: 422 introduction.needs_profile
    expect: { ...signedIn(422), expert: 201 },
    call: async (c) => c.call('POST', `/requests/${await freshOpenRequest()}/interest`, { message: 'Tôi quan tâm.' }),
  },
  {
    op: 'inviteExpert', // admins may not invite: the invitation would hand out the inviter's contacts
    expect: { ...signedIn(403), firmOwner: 201, firmStaff: 201 },
    call: async (c) =>
      c.call('POST', `/requests/${await freshOpenRequest()}/invitations`, { expertId: w.expertProfileId }),
  },
  { op: 'listMyIntroductions', expect: signedIn(200), call: (c) => c.call('GET', '/introductions?status=requested') },
  {
    op: 'getIntroduction',
    expect: { ...signedIn(404), expert: 200, ...firmInsiders },
    call: (c) => c.call('GET', `/introductions/${w.introId}`),
  },
  {
    op: 'acceptIntroduction',
    expect: { ...signedIn(404), firmOwner: 200, firmStaff: 200, expert: 403, admin: 403 },
    call: async (c) => c.call('POST', `/introductions/${await freshExpertIntro()}/accept`),
  },
  {
    op: 'declineIntroduction',
    expect: { ...signedIn(404), firmOwner: 200, firmStaff: 200, expert: 403, admin: 403 },
    call: async (c) => c.call('POST', `/introductions/${await freshExpertIntro()}/decline`),
  },
  {
    op: 'withdrawIntroduction',
    expect: { ...signedIn(404), expert: 200, firmOwner: 403, firmStaff: 403, admin: 403 },
    call: async (c) => c.call('POST', `/introductions/${await freshExpertIntro()}/withdraw`),
  },
  // Matching: a request's matches are the firm's business; an expert's are their own
  {
    op: 'matchExpertsForRequest',
    expect: { ...signedIn(403), ...firmInsiders, admin: 200 },
    call: (c) => c.call('GET', `/requests/${w.openRequestId}/matches`),
  },
  {
    op: 'matchRequestsForMe', // without an expert profile there is nothing to match: 404 expert.not_found
    expect: { ...signedIn(404), expert: 200 },
    call: (c) => c.call('GET', '/me/matches'),
  },
  // Events: organised by the admin (admins count as organisers everywhere)
  ...eventMatrixRows(() => ({ api, admin: w.tokens.admin, firmOwner: w.tokens.firmOwner, expert: w.tokens.expert, firmId: w.firmId })),
  // Forum and subscriptions: the plain member writes the threads and posts the rows act on
  ...forumMatrixRows(() => ({ api, author: w.tokens.member, moderator: w.tokens.moderator, admin: w.tokens.admin, categoryId: forumCategoryId })),
  // Moderation: content written by someone outside the personas, so nobody flags their own
  { op: 'flagForumThread', expect: signedIn(201), call: async (c) => c.call('POST', `/forum/threads/${await outsiderThread()}/flags`, { reason: 'spam' }) },
  { op: 'flagForumPost', expect: signedIn(201), call: async (c) => c.call('POST', `/forum/posts/${await outsiderPost()}/flags`, { reason: 'abuse' }) },
  { op: 'listModerationQueue', expect: moderators(200), call: (c) => c.call('GET', '/moderation/flags') },
  {
    op: 'resolveFlags',
    expect: moderators(200),
    call: async (c) => {
      const threadId = await outsiderThread();
      await must(api.call('POST', `/forum/threads/${threadId}/flags`, { ...as('member'), body: { reason: 'spam' } }), 201);
      return c.call('POST', `/moderation/flags/${threadId}/resolution`, { decision: 'keep' });
    },
  },
  { op: 'getBan', expect: moderators(200), call: async (c) => c.call('GET', `/moderation/users/${await freshUserId()}/ban`) },
  { op: 'banUser', expect: moderators(200), call: async (c) => c.call('PUT', `/moderation/users/${await freshUserId()}/ban`, { reason: 'spam links' }) },
  {
    op: 'unbanUser',
    expect: moderators(200),
    call: async (c) => {
      const userId = await freshUserId();
      await must(api.call('PUT', `/moderation/users/${userId}/ban`, { ...as('moderator'), body: { reason: 'spam links' } }), 200);
      return c.call('DELETE', `/moderation/users/${userId}/ban`);
    },
  },
  { op: 'listAuditLog', expect: { ...signedIn(403), admin: 200 }, call: (c) => c.call('GET', '/admin/audit-log?action=user.banned') },
  // Catalogue, attendance and reports: the verified firm owns the projects and products the rows act on
  ...catalogMatrixRows(() => ({ api, admin: w.tokens.admin, firmOwner: w.tokens.firmOwner, expert: w.tokens.expert, firmId: w.firmId })),
  // Broadcasts: organisers only (the admin counts as one)
  ...broadcastMatrixRows(() => ({ api, admin: w.tokens.admin })),
  // Webhooks: admins, and a firm's owners for the firm's own endpoints
  ...webhookMatrixRows(() => ({ api, firmOwner: w.tokens.firmOwner, firmId: w.firmId })),
];

async function buildWorld(): Promise<World> {
  const tokens: Record<Signed, string> = {
    member: await api.tokenFor([], 'Plain member'),
    expert: await api.tokenFor([], 'Dr. Minh'),
    firmOwner: await api.tokenFor([], 'Chị Lan (owner)'),
    firmStaff: await api.tokenFor([], 'Anh Tuấn (staff)'),
    otherFirmOwner: await api.tokenFor([], 'Owner of another firm'),
    moderator: await api.tokenFor(['moderator'], 'Moderator'),
    admin: await api.tokenFor(['admin'], 'Admin'),
  };
  const ids = {} as Record<Signed, string>;
  for (const persona of Object.keys(tokens) as Signed[]) {
    ids[persona] = (await must(api.call('GET', '/me', { token: tokens[persona] }), 200)).id;
  }
  const firmBody = { name: 'Sông Hàn Tech', sector: 'software', size: '51-200', city: 'Đà Nẵng' };
  const firmId = (await must(api.call('POST', '/firms', { token: tokens.firmOwner, body: firmBody }), 201)).id;
  const other = { ...firmBody, name: 'Hà Nội Soft', city: 'Hà Nội' };
  const otherFirmId = (await must(api.call('POST', '/firms', { token: tokens.otherFirmOwner, body: other }), 201)).id;
  await must(api.call('POST', `/firms/${firmId}/invitations`, { token: tokens.firmOwner, body: { userId: ids.firmStaff } }), 201);
  await must(api.call('POST', `/me/firm-invitations/${firmId}/accept`, { token: tokens.firmStaff }), 200);
  await must(api.call('PUT', `/firms/${firmId}/verification`, { token: tokens.moderator, body: { verified: true } }), 200);
  const expertProfileId = (await must(api.call('PUT', '/experts/me', { token: tokens.expert, body: expertProfile }), 201)).id;
  w = { tokens, ids, firmId, otherFirmId, expertProfileId, openRequestId: '', draftRequestId: '', introId: '' };
  w.draftRequestId = await freshDraft();
  w.openRequestId = await freshOpenRequest();
  const intro = api.call('POST', `/requests/${w.openRequestId}/interest`, { token: tokens.expert, body: {} });
  w.introId = (await must(intro, 201)).id;
  return w;
}

describe('authorization matrix: every route × every persona', () => {
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000' });
    w = await buildWorld();
    forumCategoryId = await createCategory(api, w.tokens.admin);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('has exactly one row for every route in apiRoutes', () => {
    const ops = rows.map((row) => row.op);
    expect(new Set(ops).size).toBe(ops.length);
    expect([...ops].sort()).toEqual(apiRoutes.map((route) => route.operationId).sort());
  });

  for (const row of rows) {
    describe(row.op, () => {
      for (const persona of PERSONAS) {
        it(`answers ${row.expect[persona]} to ${persona}`, async () => {
          const token = persona === 'anonymous' ? undefined : w.tokens[persona];
          const cell: Cell = {
            persona,
            token,
            call: (method, path, body) => api.call(method, path, { ...(token ? { token } : {}), body }),
          };
          const res = await row.call(cell);
          // The code rides along so a failing cell says why the server decided as it did.
          expect({ status: res.status, code: res.body?.error?.code }).toMatchObject({ status: row.expect[persona] });
        });
      }
    });
  }
});
