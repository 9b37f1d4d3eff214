import { Worker, type Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeRelay, type FanoutJob } from '../../../jobs/notice-relay.js';
import { connectionFor, openQueue, QUEUE_NAMES, type QueueSettings } from '../../../jobs/queues.js';
import { Reconciler } from '../../../jobs/reconciler.js';
import type { DeliverJob } from '../../../jobs/workers/fanout.worker.js';
import { deliveryModel } from '../../../src/domain/notifications/delivery.model.js';
import { noticeModel } from '../../../src/domain/notices/notice.model.js';
import { expertWithAccounts, publishFixtureRequest } from '../../support/notification-world.js';
import { quietLogger, startTestApi, uniqueName, type TestApi } from '../../support/service.js';

describe('reconciler: work whose jobs Redis lost is queued again', () => {
  let api: TestApi;
  let fanout: Queue<FanoutJob>;
  let deliver: { telegram: Queue<DeliverJob>; discord: Queue<DeliverJob> };
  let reconciler: Reconciler;
  let settings: QueueSettings;
  beforeAll(async () => {
    api = await startTestApi();
    settings = { redisUrl: api.service.redisUrl, prefix: uniqueName('recon') };
    fanout = openQueue<FanoutJob>(QUEUE_NAMES.fanout, settings);
    deliver = { telegram: openQueue<DeliverJob>(QUEUE_NAMES.deliverTelegram, settings), discord: openQueue<DeliverJob>(QUEUE_NAMES.deliverDiscord, settings) };
    reconciler = new Reconciler(api.service.connection, { fanout, deliver }, quietLogger, 0);
    await expertWithAccounts(api, 'Chị Lan', { telegram: '5001' });
    await expertWithAccounts(api, 'Anh Minh', { discord: '500000000000000002' });
  });
  afterAll(async () => {
    for (const q of [fanout, deliver.telegram, deliver.discord]) {
      await q.obliterate({ force: true });
      await q.close();
    }
    await api.stop();
  });

  it('re-queues a dispatched notice whose fan-out job vanished, once', async () => {
    const { noticeId } = await publishFixtureRequest(api);
    await new NoticeRelay(api.service.connection, api.service.services.outbox, fanout, quietLogger).tick();
    expect(await fanout.getJob(noticeId)).toBeDefined();
    await fanout.obliterate({ force: true }); // Redis lost everything
    expect(await fanout.getJob(noticeId)).toBeUndefined();

    expect((await reconciler.tick()).fanouts).toBe(1);
    expect((await fanout.getJob(noticeId))?.data).toEqual({ noticeId });
    expect((await reconciler.tick()).fanouts).toBe(0);
  });

  it('re-queues pending deliveries whose jobs vanished on their own platform queue, and leaves fanned-out notices alone', async () => {
    const { noticeId } = await publishFixtureRequest(api);
    await noticeModel(api.service.connection).updateOne({ _id: noticeId }, { $set: { status: 'dispatched', dispatchedAt: new Date() } });
    const result = await api.service.services.fanout.fanOut(noticeId);
    expect(result.pending.map((d) => d.channel).sort()).toEqual(['discord', 'telegram']);

    const pass = await reconciler.tick();
    expect(pass.fanouts).toBe(0);
    expect(pass.deliveries).toBe(2);
    for (const delivery of result.pending) {
      expect(delivery.batch).toBeTruthy();
      expect((await deliver[delivery.channel].getJob(delivery.batch ?? ''))?.data).toEqual({ deliveryIds: [String(delivery._id)] });
    }
    expect((await reconciler.tick()).deliveries).toBe(0);
  });

  it('leaves deliveries a worker holds alone, and re-queues those a finished job left behind', async () => {
    const { noticeId } = await publishFixtureRequest(api);
    const result = await api.service.services.fanout.fanOut(noticeId);
    const deliveries = deliveryModel(api.service.connection);
    // A live worker's lease: it is sending them right now.
    await deliveries.updateMany({ noticeId }, { $set: { leaseBy: 'someone', leaseUntil: new Date(Date.now() + 60_000) } });
    expect((await reconciler.tick()).deliveries).toBe(0);

    // The worker died; its lease ran out, and its job finished without them.
    await deliveries.updateMany({ noticeId }, { $set: { leaseUntil: new Date(Date.now() - 1) } });
    const [first] = result.pending;
    if (!first?.batch) throw new Error('setup: no batch');
    const queue = deliver[first.channel];
    const finished = await queue.add('deliver', { deliveryIds: [String(first._id)] }, { jobId: first.batch });
    const idle = new Worker(queue.name, async () => 'nothing sent', { connection: connectionFor(settings), prefix: settings.prefix });
    await expect.poll(() => finished.isCompleted(), { timeout: 10_000 }).toBe(true);
    await idle.close();
    // (The idle worker also finished the jobs earlier tests left, so those come back too.)
    expect((await reconciler.tick()).deliveries).toBeGreaterThanOrEqual(result.pending.length);
    for (const delivery of result.pending) {
      const job = await deliver[delivery.channel].getJob(delivery.batch ?? '');
      expect(await job?.getState()).toBe('waiting');
      expect(job?.data.deliveryIds).toContain(String(delivery._id));
    }
  });

  it('does not touch deliveries still waiting for their time', async () => {
    const { noticeId } = await publishFixtureRequest(api);
    const result = await api.service.services.fanout.fanOut(noticeId);
    const later = new Date(Date.now() + 3_600_000);
    await deliveryModel(api.service.connection).updateMany({ noticeId }, { $set: { notBefore: later } });
    await reconciler.tick();
    for (const delivery of result.pending) expect(await deliver[delivery.channel].getJob(delivery.batch ?? String(delivery._id))).toBeUndefined();
  });
});
