import type { TestApi } from './service.js';

/**
 * Makes `member` a member of the firm the way people join: the owner invites them, they
 * accept. Returns the member's user id.
 */
export async function joinFirm(api: TestApi, firmId: string, owner: string, member: string, role: 'owner' | 'staff' = 'staff'): Promise<string> {
  const userId = (await api.call('GET', '/me', { token: member })).body.id as string;
  const invited = await api.call('POST', `/firms/${firmId}/invitations`, { token: owner, body: { userId, role } });
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await api.call('POST', `/me/firm-invitations/${firmId}/accept`, { token: member });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return userId;
}
