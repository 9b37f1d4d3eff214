import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { Types } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoticeRelay, type FanoutJob } from '../../../jobs/notice-relay.js';
import { openQueue, QUEUE_NAMES } from '../../../jobs/queues.js';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { requestModel } from '../../../src/domain/requests/request.model.js';
import { quietLogger, startTestApi, uniqueName, type TestApi } from '../../support/service.js';

describe('notice relay: outbox → fan-out queue', () => {
  let api: TestApi;
  let fanout: Queue<FanoutJob>;
  beforeAll(async () => {
    api = await startTestApi();
    fanout = openQueue<FanoutJob>(QUEUE_NAMES.fanout, { redisUrl: api.service.redisUrl, prefix: uniqueName('relay') });
  });
  afterAll(async () => {
    await fanout.obliterate({ force: true });
    await fanout.close();
    await api.stop();
  });
  beforeEach(async () => {
    await fanout.obliterate({ force: true });
    await noticeModel(api.service.connection).deleteMany({});
  });

  const relay = () => new NoticeRelay(api.service.connection, api.service.services.outbox, fanout, quietLogger);
  const pendingNotice = () =>
    noticeModel(api.service.connection).create({
      _id: randomUUID(),
      type: 'request.published',
      subject: { kind: 'request', id: new Types.ObjectId() },
      data: {},
      status: 'pending',
      createdAt: new Date(),
    });

  it('queues each pending notice once, under its own id, and marks it dispatched', async () => {
    const notices = await Promise.all([pendingNotice(), pendingNotice(), pendingNotice()]);
    expect(await relay().tick()).toBe(3);
    const jobs = await fanout.getJobs(['waiting', 'delayed', 'active']);
    expect(jobs.map((j) => j.id).sort()).toEqual(notices.map((n) => n._id).sort());
    const statuses = await noticeModel(api.service.connection).distinct('status');
    expect(statuses).toEqual(['dispatched']);
  });

  it('queues nothing new on a second pass', async () => {
    await pendingNotice();
    await relay().tick();
    expect(await relay().tick()).toBe(0);
    expect(await fanout.count()).toBe(1);
  });

  it('queues one job per notice even when two relays race (another process, or a crash before the mark)', async () => {
    await Promise.all([pendingNotice(), pendingNotice()]);
    await Promise.all([relay().tick(), relay().tick()]);
    expect(await fanout.count()).toBe(2);
  });

  it('finds notices a crash left inside a document’s outbox', async () => {
    const requestId = new Types.ObjectId();
    const entryId = randomUUID();
    await requestModel(api.service.connection).collection.insertOne({
      _id: requestId,
      status: 'open',
      outbox: [{ _id: entryId, type: 'request.published', data: {}, at: new Date() }],
    });
    expect(await relay().tick()).toBe(1);
    const job = await fanout.getJob(entryId);
    expect(job?.data).toEqual({ noticeId: entryId });
    const notice = await noticeModel(api.service.connection).findById(entryId).lean();
    expect(notice).toMatchObject({ subject: { kind: 'request' }, status: 'dispatched' });
    expect(String(notice?.subject.id)).toBe(String(requestId));
  });

  it('keeps finding outboxes a crash left behind after its first pass, through the flag every outbox write sets', async () => {
    const running = relay();
    await running.tick();
    const requests = requestModel(api.service.connection);
    const { insertedId: _id } = await requests.collection.insertOne({ status: 'open', outbox: [] } as never);
    const entryId = randomUUID();
    // A service wrote its change and notice in one update, then died before draining it.
    await requests.updateOne({ _id }, { $push: { outbox: { _id: entryId, type: 'request.closed', data: {}, at: new Date() } } } as never);
    expect(await requests.collection.findOne({ _id, outboxPending: true })).not.toBeNull();
    expect(await running.tick()).toBe(1);
    expect(await fanout.getJob(entryId)).toBeDefined();
    const drained = await requests.collection.findOne({ _id });
    expect(drained?.outbox).toEqual([]);
    expect(drained?.outboxPending).toBeUndefined();
  });
});
