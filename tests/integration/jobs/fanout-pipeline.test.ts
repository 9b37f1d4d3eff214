import type { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeRelay, type FanoutJob } from '../../../jobs/notice-relay.js';
import { openQueue, QUEUE_NAMES, type QueueSettings } from '../../../jobs/queues.js';
import { startFanoutWorker, type DeliverJob } from '../../../jobs/workers/fanout.worker.js';
import { deliveryModel } from '../../../src/domain/notifications/delivery.model.js';
import { expertWithAccounts, publishFixtureRequest } from '../../support/notification-world.js';
import { quietLogger, startTestApi, uniqueName, type TestApi } from '../../support/service.js';

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('pipeline: published request → relay → fan-out worker → platform queues', () => {
  let api: TestApi;
  let settings: QueueSettings;
  let fanout: Queue<FanoutJob>;
  let telegram: Queue<DeliverJob>;
  let discord: Queue<DeliverJob>;
  let worker: Worker<FanoutJob>;
  beforeAll(async () => {
    api = await startTestApi();
    settings = { redisUrl: api.service.redisUrl, prefix: uniqueName('pipe') };
    fanout = openQueue(QUEUE_NAMES.fanout, settings);
    telegram = openQueue(QUEUE_NAMES.deliverTelegram, settings);
    discord = openQueue(QUEUE_NAMES.deliverDiscord, settings);
    worker = startFanoutWorker(settings, api.service.services.fanout, { telegram, discord }, quietLogger);
  });
  afterAll(async () => {
    await worker.close();
    for (const queue of [fanout, telegram, discord]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await api.stop();
  });

  it('queues the deliveries on their platforms in batches per moment, delayed through quiet hours', async () => {
    await expertWithAccounts(api, 'On Telegram', { telegram: '501' });
    await expertWithAccounts(api, 'On Discord', { discord: '601' });
    const owl = await expertWithAccounts(api, 'Asleep', { telegram: '502' });
    await api.call('PATCH', '/me', { token: owl.token, body: { notifications: { quietHours: { start: '00:00', end: '23:59' } } } });
    await publishFixtureRequest(api);

    const relay = new NoticeRelay(api.service.connection, api.service.services.outbox, fanout, quietLogger);
    expect(await relay.tick()).toBe(1);
    // The two Telegram readers are due at different moments (one is in quiet hours): two jobs.
    await until(async () => (await telegram.count()) + (await discord.count()) === 3);

    const deliveries = await deliveryModel(api.service.connection).find({}).lean();
    const carried = async (queue: Queue<DeliverJob>) => (await queue.getJobs(['waiting', 'delayed'])).flatMap((j) => j.data.deliveryIds).sort();
    expect(await carried(telegram)).toEqual(deliveries.filter((d) => d.channel === 'telegram').map((d) => String(d._id)).sort());
    expect(await carried(discord)).toEqual(deliveries.filter((d) => d.channel === 'discord').map((d) => String(d._id)));
    const asleep = deliveries.find((d) => String(d.userId) === owl.userId);
    const awake = deliveries.find((d) => d.channel === 'telegram' && String(d.userId) !== owl.userId);
    expect(await telegram.getJobState(asleep?.batch ?? '')).toBe('delayed');
    expect(await telegram.getJobState(awake?.batch ?? '')).toBe('waiting');
  });

  it('queues nothing twice when the fan-out job runs again', async () => {
    const [notice] = await api.service.connection.collection('notices').find({}).toArray();
    await fanout.add('fanout', { noticeId: String(notice?._id) }, { jobId: `${String(notice?._id)}-again` });
    await until(async () => (await fanout.getCompletedCount()) >= 2);
    expect((await telegram.count()) + (await discord.count())).toBe(3);
  });

  it('does not retry a malformed job', async () => {
    const job = await fanout.add('fanout', { noticeId: 42 } as never, { attempts: 5 });
    await until(async () => (await job.getState()) === 'failed');
    expect((await fanout.getJob(String(job.id)))?.attemptsMade).toBe(1);
  });
});
