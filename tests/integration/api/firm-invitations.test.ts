import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/service.js';

const firmBody = { name: 'Sông Hàn Tech', sector: 'software', size: '11-50', city: 'Đà Nẵng' };

describe('firm membership by consent: invitations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  async function person(name: string): Promise<{ id: string; token: string }> {
    const token = await api.tokenFor([], name);
    return { id: (await api.call('GET', '/me', { token })).body.id as string, token };
  }

  async function firmOf(owner: string): Promise<string> {
    return (await api.call('POST', '/firms', { token: owner, body: firmBody })).body.id as string;
  }

  it('makes an invited person a member only when they accept, with the offered role', async () => {
    const owner = await person('Chị Lan');
    const invitee = await person('Anh Tuấn');
    const firmId = await firmOf(owner.token);
    const invited = await api.call('POST', `/firms/${firmId}/invitations`, { token: owner.token, body: { userId: invitee.id, role: 'owner' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ firmId, firmName: 'Sông Hàn Tech', userId: invitee.id, role: 'owner', invitedBy: owner.id });

    expect((await api.call('GET', '/me/firms', { token: invitee.token })).body.items).toEqual([]);
    expect((await api.call('GET', `/firms/${firmId}/invitations`, { token: owner.token })).body.items).toHaveLength(1);
    const mine = await api.call('GET', '/me/firm-invitations', { token: invitee.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ firmId, role: 'owner' })]);

    const accepted = await api.call('POST', `/me/firm-invitations/${firmId}/accept`, { token: invitee.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.members).toContainEqual({ userId: invitee.id, role: 'owner' });
    expect((await api.call('GET', '/me/firm-invitations', { token: invitee.token })).body.items).toEqual([]);
    expect((await api.call('GET', `/firms/${firmId}/invitations`, { token: owner.token })).body.items).toEqual([]);
    // Accepting twice finds no invitation.
    expect((await api.call('POST', `/me/firm-invitations/${firmId}/accept`, { token: invitee.token })).status).toBe(404);
  });

  it('leaves a declined or withdrawn invitation without any membership', async () => {
    const owner = await person('Owner');
    const decliner = await person('Not interested');
    const withdrawn = await person('Changed mind');
    const firmId = await firmOf(owner.token);
    await api.call('POST', `/firms/${firmId}/invitations`, { token: owner.token, body: { userId: decliner.id } });
    await api.call('POST', `/firms/${firmId}/invitations`, { token: owner.token, body: { userId: withdrawn.id } });

    expect((await api.call('POST', `/me/firm-invitations/${firmId}/decline`, { token: decliner.token })).status).toBe(204);
    expect((await api.call('DELETE', `/firms/${firmId}/invitations/${withdrawn.id}`, { token: owner.token })).status).toBe(204);
    const late = await api.call('POST', `/me/firm-invitations/${firmId}/accept`, { token: withdrawn.token, lang: 'vi' });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('firm.invitation_not_found');
    expect(late.body.error.message).toMatch(/lời mời/);
    const members = (await api.call('GET', `/firms/${firmId}`, { token: owner.token })).body.members as { userId: string }[];
    expect(members.map((m) => m.userId)).toEqual([owner.id]);
  });

  it('lets only owners invite, and refuses inviting a member again (409)', async () => {
    const owner = await person('Owner 2');
    const staff = await person('Staff 2');
    const stranger = await person('Stranger');
    const firmId = await firmOf(owner.token);
    await api.call('POST', `/firms/${firmId}/invitations`, { token: owner.token, body: { userId: staff.id } });
    await api.call('POST', `/me/firm-invitations/${firmId}/accept`, { token: staff.token });

    const byStaff = await api.call('POST', `/firms/${firmId}/invitations`, { token: staff.token, body: { userId: stranger.id } });
    expect(byStaff.status).toBe(403);
    expect(byStaff.body.error.code).toBe('firm.owner_only');
    expect((await api.call('GET', `/firms/${firmId}/invitations`, { token: stranger.token })).status).toBe(403);
    const again = await api.call('POST', `/firms/${firmId}/invitations`, { token: owner.token, body: { userId: staff.id } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('firm.already_member');
  });

  it('no longer lets an owner add anyone directly', async () => {
    const owner = await person('Owner 3');
    const target = await person('Target');
    const firmId = await firmOf(owner.token);
    const res = await api.call('POST', `/firms/${firmId}/members`, { token: owner.token, body: { userId: target.id, role: 'owner' } });
    expect(res.status).toBe(404);
    expect((await api.call('GET', '/me/firms', { token: target.token })).body.items).toEqual([]);
  });

  it('lets an owner change a member’s role, but never leave the firm without an owner', async () => {
    const owner = await person('Owner 4');
    const staff = await person('Staff 4');
    const firmId = await firmOf(owner.token);
    await api.call('POST', `/firms/${firmId}/invitations`, { token: owner.token, body: { userId: staff.id } });
    await api.call('POST', `/me/firm-invitations/${firmId}/accept`, { token: staff.token });

    const lastOwner = await api.call('PATCH', `/firms/${firmId}/members/${owner.id}`, { token: owner.token, body: { role: 'staff' } });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body.error.code).toBe('firm.last_owner');
    const promoted = await api.call('PATCH', `/firms/${firmId}/members/${staff.id}`, { token: owner.token, body: { role: 'owner' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.members).toContainEqual({ userId: staff.id, role: 'owner' });
    const stepDown = await api.call('PATCH', `/firms/${firmId}/members/${owner.id}`, { token: owner.token, body: { role: 'staff' } });
    expect(stepDown.body.members).toEqual(expect.arrayContaining([{ userId: owner.id, role: 'staff' }, { userId: staff.id, role: 'owner' }]));
    const stranger = await person('Not a member');
    expect((await api.call('PATCH', `/firms/${firmId}/members/${stranger.id}`, { token: staff.token, body: { role: 'staff' } })).status).toBe(404);
  });

  it('moves an invitation to the surviving account when the invited person links their two accounts', async () => {
    const owner = await person('Chị Mai');
    const survivor = await person('Anh Quân (Telegram)');
    const second = await person('Anh Quân (Discord)');
    const firmId = await firmOf(owner.token);
    expect((await api.call('POST', `/firms/${firmId}/invitations`, { token: owner.token, body: { userId: second.id, role: 'staff' } })).status).toBe(201);

    const { code } = (await api.call('POST', '/me/link-codes', { token: survivor.token })).body;
    expect((await api.call('POST', '/me/link', { token: second.token, body: { code } })).status).toBe(200);

    const mine = await api.call('GET', '/me/firm-invitations', { token: survivor.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ firmId, userId: survivor.id, role: 'staff' })]);
    const accepted = await api.call('POST', `/me/firm-invitations/${firmId}/accept`, { token: survivor.token });
    expect(accepted.body.members).toContainEqual({ userId: survivor.id, role: 'staff' });
  });
});
