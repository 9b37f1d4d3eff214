import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firmProject } from '../../support/catalog.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { createCategory, createThread, must, noRateLimits, reply } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Everything one person did from their second account, made through the API before linking. */
interface SecondAccountWork {
  crowdedEvent: string;
  soloEvent: string;
  threadId: string;
  postId: string;
  contestId: string;
  fairId: string;
  slotId: string;
  projectId: string;
}

describe('linking accounts moves everything the merged-away account owned', () => {
  let api: TestApi;
  let admin: string;
  let organiser: string;
  let firmOwner: string;
  let firmId: string;
  let categoryId: string;

  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    admin = await api.tokenFor(['admin'], 'Admin');
    organiser = await api.tokenFor(['organiser'], 'Organiser');
    firmOwner = await api.tokenFor([], 'Firm owner');
    firmId = (await must(api.call('POST', '/firms', { token: firmOwner, body: { name: 'Hàn Giang Tech', sector: 'software', size: '11-50', city: 'Đà Nẵng' } }))).id;
    await must(api.call('PUT', `/firms/${firmId}/verification`, { token: admin, body: { verified: true } }), 200);
    categoryId = await createCategory(api, admin);
  });
  afterAll(async () => {
    await api.stop();
  });

  const idOf = async (token: string) => (await api.call('GET', '/me', { token })).body.id as string;
  const rsvpOf = async (token: string, eventId: string) => (await api.call('GET', `/events/${eventId}/rsvp`, { token })).body;
  const eventCounts = async (eventId: string) => {
    const doc = await api.service.connection.collection('events').findOne({ _id: new Types.ObjectId(eventId) });
    return { going: doc?.goingCount as number, waiting: doc?.waitingCount as number };
  };

  /** The second account RSVPs, posts, enters a contest, books a fair meeting, follows a tag and asks about a project. */
  async function workFrom(second: string, survivor: string, bystander: string): Promise<SecondAccountWork> {
    const crowdedEvent = await publishedEvent(api, organiser, seminarInput({ capacity: 1 }));
    await must(api.call('POST', `/events/${crowdedEvent}/rsvp`, { token: second }), 201);
    await must(api.call('POST', `/events/${crowdedEvent}/rsvp`, { token: bystander }), 201);
    await must(api.call('POST', `/events/${crowdedEvent}/rsvp`, { token: survivor }), 201);
    const soloEvent = await publishedEvent(api, organiser, seminarInput());
    await must(api.call('POST', `/events/${soloEvent}/rsvp`, { token: second }), 201);

    const threadId = await createThread(api, second, categoryId, { title: 'Câu hỏi về Kubernetes' });
    const postId = await reply(api, second, threadId);

    const now = Date.now();
    const contestId = await publishedEvent(api, organiser, seminarInput({
      kind: 'contest', place: undefined, onlineUrl: 'https://contest.example.vn',
      startsAt: iso(now + 24 * hour), endsAt: iso(now + 48 * hour),
      contest: { opensAt: iso(now - hour), closesAt: iso(now + 12 * hour) },
    }));
    await must(api.call('PUT', `/events/${contestId}/submissions/mine`, { token: second, body: { title: 'Bộ gõ', link: 'https://github.com/example/bogo' } }));

    const fairId = await publishedEvent(api, organiser, seminarInput({ kind: 'fair', startsAt: '2027-10-01T01:00:00Z', endsAt: '2027-10-01T10:00:00Z' }));
    const exhibitor = await api.call('POST', `/events/${fairId}/exhibitors`, { token: firmOwner, body: { firmId } });
    await must(api.call('POST', `/exhibitors/${exhibitor.body.id}/approve`, { token: organiser }), 200);
    const slot = await must(api.call('POST', `/exhibitors/${exhibitor.body.id}/slots`, { token: firmOwner, body: { startsAt: '2027-10-01T02:00:00Z', endsAt: '2027-10-01T02:30:00Z' } }));
    await must(api.call('POST', `/slots/${slot.id}/booking`, { token: second }), 200);

    await must(api.call('POST', '/me/subscriptions', { token: second, body: { kind: 'tag', value: 'rust' } }));
    const projectId = await firmProject(api, firmOwner, firmId);
    await must(api.call('POST', `/catalog/projects/${projectId}/interest`, { token: second, body: { message: 'Xin gặp để trao đổi.' } }));
    return { crowdedEvent, soloEvent, threadId, postId, contestId, fairId, slotId: slot.id, projectId };
  }

  async function link(survivor: string, second: string): Promise<void> {
    const code = await must(api.call('POST', '/me/link-codes', { token: survivor }));
    await must(api.call('POST', '/me/link', { token: second, body: { code: code.code } }), 200);
  }

  it('keeps the better RSVP, frees the other seat consistently, and the survivor owns posts, entries, bookings and follows', async () => {
    const survivor = await api.tokenFor(['expert'], 'An (Telegram)');
    const second = await api.tokenFor(['expert'], 'An (Discord)');
    const bystander = await api.tokenFor([], 'Bình');
    const survivorId = await idOf(survivor);
    const work = await workFrom(second, survivor, bystander);
    expect(await rsvpOf(survivor, work.crowdedEvent)).toMatchObject({ status: 'waitlisted', position: 2 });

    await link(survivor, second);

    // The second account's seat is now the survivor's; its own waitlist ticket was given back.
    expect(await rsvpOf(survivor, work.crowdedEvent)).toMatchObject({ status: 'going', position: null });
    expect(await rsvpOf(bystander, work.crowdedEvent)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await eventCounts(work.crowdedEvent)).toEqual({ going: 1, waiting: 1 });
    expect(await api.service.connection.collection('rsvps').countDocuments({ eventId: new Types.ObjectId(work.crowdedEvent) })).toBe(2);
    expect(await rsvpOf(survivor, work.soloEvent)).toMatchObject({ status: 'going' });
    // The held seat can be freed: it goes to the head of the waitlist.
    expect((await api.call('DELETE', `/events/${work.crowdedEvent}/rsvp`, { token: survivor })).status).toBe(204);
    expect(await rsvpOf(bystander, work.crowdedEvent)).toMatchObject({ status: 'going' });

    const editedPost = await api.call('PATCH', `/forum/posts/${work.postId}`, { token: survivor, body: { body: 'Chúng tôi dùng EKS và GKE.' } });
    expect(editedPost.status).toBe(200);
    const editedThread = await api.call('PATCH', `/forum/threads/${work.threadId}`, { token: survivor, body: { body: 'Ai đang dùng k8s ở Đà Nẵng?' } });
    expect(editedThread.status).toBe(200);

    const entries = await api.call('GET', `/events/${work.contestId}/submissions`, { token: survivor });
    expect(entries.body.items).toMatchObject([{ title: 'Bộ gõ', userId: survivorId }]);
    const slots = await api.call('GET', `/events/${work.fairId}/slots`, { token: survivor });
    expect(slots.body.items.find((s: { id: string }) => s.id === work.slotId)).toMatchObject({ bookedByYou: true });
    expect((await api.call('DELETE', `/slots/${work.slotId}/booking`, { token: survivor })).status).toBe(200);
    const follows = await api.call('GET', '/me/subscriptions', { token: survivor });
    expect(JSON.stringify(follows.body)).toContain('rust');
    const interests = await api.call('GET', '/catalog/interests', { token: survivor });
    expect(interests.body.items.map((i: { projectId: string }) => i.projectId)).toContain(work.projectId);

    // The merge is recorded and audited; the second account's token acts as the survivor.
    expect(await idOf(second)).toBe(survivorId);
    const audit = await api.call('GET', `/admin/audit-log?action=user.merged&targetId=${survivorId}`, { token: admin });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details.mergedUserId).toEqual(expect.any(String));
  });

  it('finishes a merge interrupted half-way when resumed, with the same outcome and one audit entry', async () => {
    const survivor = await api.tokenFor(['expert'], 'Chi (Telegram)');
    const second = await api.tokenFor(['expert'], 'Chi (Discord)');
    const bystander = await api.tokenFor([], 'Dũng');
    const [survivorId, secondId] = [new Types.ObjectId(await idOf(survivor)), new Types.ObjectId(await idOf(second))];
    const work = await workFrom(second, survivor, bystander);
    const { merges } = api.service.services;

    const interrupt = new AbortController();
    const stopped = merges.merge(secondId, survivorId, {
      signal: interrupt.signal,
      onStepDone: (step) => {
        if (step === 'rsvps') interrupt.abort();
      },
    });
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
    const halfway = await merges.record(secondId);
    expect(halfway).toMatchObject({ status: 'running' });
    expect(halfway?.done).toContain('rsvps');
    expect(halfway?.done).not.toContain('contest_entries');
    // Half-way: the seat moved, the contest entry not yet.
    expect(await rsvpOf(survivor, work.crowdedEvent)).toMatchObject({ status: 'going' });
    const ownEntries = async () => (await api.call('GET', `/events/${work.contestId}/submissions`, { token: survivor })).body.items;
    expect(await ownEntries()).toEqual([]);

    expect(await merges.resumeUnfinished()).toBe(1);
    expect(await merges.resumeUnfinished()).toBe(0);
    expect(await merges.record(secondId)).toMatchObject({ status: 'done' });
    expect(await ownEntries()).toHaveLength(1);
    expect(await eventCounts(work.crowdedEvent)).toEqual({ going: 1, waiting: 1 });
    expect(await rsvpOf(bystander, work.crowdedEvent)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await api.call('PATCH', `/forum/posts/${work.postId}`, { token: survivor, body: { body: 'Đã sửa.' } })).status).toBe(200);
    const audit = await api.call('GET', `/admin/audit-log?action=user.merged&targetId=${String(survivorId)}`, { token: admin });
    expect(audit.body.items).toHaveLength(1);
  });

  it('lets only one of two simultaneous runs of the same merge work, and the outcome is the same', async () => {
    const survivor = await api.tokenFor(['expert'], 'Giang (Telegram)');
    const second = await api.tokenFor(['expert'], 'Giang (Discord)');
    const bystander = await api.tokenFor([], 'Hà');
    const [survivorId, secondId] = [new Types.ObjectId(await idOf(survivor)), new Types.ObjectId(await idOf(second))];
    const work = await workFrom(second, survivor, bystander);
    const { merges } = api.service.services;

    const runs = await Promise.allSettled([merges.merge(secondId, survivorId), merges.merge(secondId, survivorId), merges.resumeUnfinished()]);
    expect(runs.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    for (const run of runs) {
      if (run.status === 'rejected') expect(run.reason).toMatchObject({ code: 'link.merge_in_progress' });
    }
    await expect.poll(async () => (await merges.record(secondId))?.status, { timeout: 20_000 }).toBe('done');
    expect(await eventCounts(work.crowdedEvent)).toEqual({ going: 1, waiting: 1 });
    expect(await api.service.connection.collection('rsvps').countDocuments({ eventId: new Types.ObjectId(work.crowdedEvent) })).toBe(2);
    const audit = await api.call('GET', `/admin/audit-log?action=user.merged&targetId=${String(survivorId)}`, { token: admin });
    expect(audit.body.items).toHaveLength(1);
  });
});
