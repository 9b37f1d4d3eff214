import { Types } from 'mongoose';
import { noticeModel } from '../../src/domain/notices/notice.model.js';
import { requestInput } from './fixtures.js';
import type { TestApi } from './service.js';

/** An expert profile matching the fixture request (kubernetes + go, remote consulting). */
export const matchingProfile = (overrides: Record<string, unknown> = {}) => ({
  headline: 'Kubernetes engineer',
  skills: ['kubernetes', 'go', 'aws'],
  languages: ['vi', 'en'],
  country: 'DE',
  timezone: 'Europe/Berlin',
  engagementTypes: ['remote_consulting'],
  ...overrides,
});

/** A person with an expert profile and the platform accounts given (as the bots would record them). */
export async function expertWithAccounts(
  api: TestApi,
  name: string,
  accounts: { telegram?: string; discord?: string },
  profile: Record<string, unknown> = {},
): Promise<{ token: string; userId: string }> {
  const token = await api.tokenFor([], name);
  const userId = (await api.call('GET', '/me', { token })).body.id as string;
  for (const [provider, externalId] of Object.entries(accounts)) {
    await api.service.connection.collection('identities').insertOne({
      _id: `${provider}:${externalId}` as never,
      provider,
      externalId,
      userId: new Types.ObjectId(userId),
    });
  }
  await api.call('PUT', '/experts/me', { token, body: matchingProfile(profile) });
  return { token, userId };
}

/** A verified firm publishes the fixture request; returns the notice it wrote. */
export async function publishFixtureRequest(api: TestApi): Promise<{ requestId: string; noticeId: string }> {
  const owner = await api.tokenFor([], 'Firm owner');
  const moderator = await api.tokenFor(['moderator']);
  const firm = await api.call('POST', '/firms', { token: owner, body: { name: 'Huế Soft', sector: 'software', size: '1-10', city: 'Huế' } });
  await api.call('PUT', `/firms/${firm.body.id}/verification`, { token: moderator, body: { verified: true } });
  const draft = await api.call('POST', `/firms/${firm.body.id}/requests`, { token: owner, body: requestInput });
  await api.call('POST', `/requests/${draft.body.id}/publish`, { token: owner });
  const notice = await noticeModel(api.service.connection).findOne({ 'subject.id': draft.body.id }).lean();
  if (!notice) throw new Error('setup: publishing the request wrote no notice');
  return { requestId: draft.body.id, noticeId: notice._id };
}
