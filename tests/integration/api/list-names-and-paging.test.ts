import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firmProject, must } from '../../support/catalog.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { requestInput } from '../../support/fixtures.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { VALID_BODIES } from '../../support/valid-bodies.js';

const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Every item of a list, read `limit` at a time by following nextCursor; also how many pages it took. */
async function readAll(api: TestApi, path: string, token: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.call('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

describe('lists show names and page with a cursor', () => {
  let api: TestApi;
  let organiser: string;
  let moderator: string;

  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Ban tổ chức');
    moderator = await api.tokenFor(['moderator']);
  });
  afterAll(async () => {
    await api.stop();
  });

  async function verifiedFirm(name: string): Promise<{ owner: string; firmId: string }> {
    const owner = await api.tokenFor([], `Chủ ${name}`);
    const { id: firmId } = await must(api, 'POST', '/firms', owner, { name, sector: 'software', size: '11-50', city: 'Đà Nẵng' });
    await must(api, 'PUT', `/firms/${firmId}/verification`, moderator, { verified: true });
    return { owner, firmId };
  }

  it('names contest entrants in submissions and results, and pages the submissions', async () => {
    const now = Date.now();
    const contestId = await publishedEvent(api, organiser, seminarInput({
      kind: 'contest', startsAt: iso(now + 24 * hour), endsAt: iso(now + 48 * hour), contest: { opensAt: iso(now - hour), closesAt: iso(now + 12 * hour) },
    }));
    const entrants = ['Đặng Thu Hà', 'Võ Quốc Bảo', 'Alice'];
    const ids: string[] = [];
    for (const name of entrants) {
      const token = await api.tokenFor([], name);
      ids.push((await must(api, 'PUT', `/events/${contestId}/submissions/mine`, token, { title: `Dự án của ${name}`, link: 'https://example.vn' })).id);
    }
    const all = await api.call('GET', `/events/${contestId}/submissions`, { token: organiser });
    expect(all.body.items.map((s: { displayName: string }) => s.displayName)).toEqual(entrants);
    expect(await readAll(api, `/events/${contestId}/submissions`, organiser, 2)).toEqual({ ids, pages: 2 });
    await must(api, 'PATCH', `/events/${contestId}`, organiser, { contest: { opensAt: iso(now - 2 * hour), closesAt: iso(now - hour) } });
    await must(api, 'POST', `/events/${contestId}/results`, organiser, { ranking: [{ submissionId: ids[1], prize: 'Giải nhất' }, { submissionId: ids[0] }] });
    const results = await api.call('GET', `/events/${contestId}/results`);
    expect(results.body.items.map((r: { rank: number; submission: { displayName: string } }) => [r.rank, r.submission.displayName])).toEqual([
      [1, 'Võ Quốc Bảo'],
      [2, 'Đặng Thu Hà'],
    ]);
  });

  it('names the project, the person interested and the owner firm in project interests, and pages them', async () => {
    const { owner, firmId } = await verifiedFirm('Sông Hàn Tech');
    const projectId = await firmProject(api, owner, firmId);
    const investors = ['Quỹ Mekong', 'Quỹ Sài Gòn', 'Chị Hạnh'];
    for (const name of investors) {
      const token = await api.tokenFor([], name);
      await must(api, 'POST', `/catalog/projects/${projectId}/interest`, token, { message: 'Xin gặp.' });
    }
    const page = await api.call('GET', '/catalog/interests?limit=1', { token: owner });
    expect(page.body.items[0]).toMatchObject({
      projectId,
      projectTitle: { vi: 'Nền tảng thanh toán cho hợp tác xã', en: 'Payments platform for cooperatives' },
      requester: { displayName: 'Chị Hạnh' },
      owner: { kind: 'firm', firmId, name: 'Sông Hàn Tech' },
    });
    const { ids, pages } = await readAll(api, '/catalog/interests', owner, 2);
    expect(pages).toBe(2);
    const everyone = await api.call('GET', '/catalog/interests', { token: owner });
    expect(everyone.body.nextCursor).toBeNull();
    expect(ids).toEqual(everyone.body.items.map((i: { id: string }) => i.id));
    expect(everyone.body.items.map((i: { requester: { displayName: string } }) => i.requester.displayName)).toEqual([...investors].reverse());
  });

  it('pages a firm’s introductions, newest first', async () => {
    const { owner, firmId } = await verifiedFirm('Huế Data');
    const { id: requestId } = await must(api, 'POST', `/firms/${firmId}/requests`, owner, requestInput);
    await must(api, 'POST', `/requests/${requestId}/publish`, owner);
    const ids: string[] = [];
    for (const name of ['Dr. Minh', 'Dr. Lan', 'Dr. Khoa']) {
      const expert = await api.tokenFor([], name);
      await must(api, 'PUT', '/experts/me', expert, VALID_BODIES.putMyExpertProfile);
      ids.push((await must(api, 'POST', `/requests/${requestId}/interest`, expert, {})).id);
    }
    expect(await readAll(api, '/introductions', owner, 2)).toEqual({ ids: [...ids].reverse(), pages: 2 });
    expect((await api.call('GET', '/introductions?cursor=bad', { token: owner })).status).toBe(400);
  });

  it('pages a fair’s exhibitors in order of application', async () => {
    const fairId = await publishedEvent(api, organiser, seminarInput({ kind: 'fair' }));
    const ids: string[] = [];
    for (const name of ['Đà Nẵng Soft', 'Hội An AI', 'Quảng Nam IoT']) {
      const { owner, firmId } = await verifiedFirm(name);
      ids.push((await must(api, 'POST', `/events/${fairId}/exhibitors`, owner, { firmId })).id);
    }
    expect(await readAll(api, `/events/${fairId}/exhibitors`, organiser, 2)).toEqual({ ids, pages: 2 });
    const names = (await api.call('GET', `/events/${fairId}/exhibitors`, { token: organiser })).body.items.map((x: { firmName: string }) => x.firmName);
    expect(names).toEqual(['Đà Nẵng Soft', 'Hội An AI', 'Quảng Nam IoT']);
  });
});
