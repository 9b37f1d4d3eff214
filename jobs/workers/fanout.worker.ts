import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { reportWorkerErrors } from './report-worker-errors.js';
import type { Delivery } from '../../src/domain/notifications/delivery.model.js';
import type { FanoutResult, FanoutService } from '../../src/domain/notifications/fanout.service.js';
import type { Channel } from '../../src/domain/users/user.model.js';
import type { Logger } from '../../src/log.js';
import type { FanoutJob } from '../notice-relay.js';
import { connectionFor, QUEUE_NAMES, type QueueSettings } from '../queues.js';

/** A deliver job's payload: the deliveries it sends (MongoDB holds the rest). */
export interface DeliverJob {
  deliveryIds: string[];
}

const fanoutPayload = z.strictObject({ noticeId: z.string().min(1).max(100) });

/** Where each channel's deliveries are queued. */
export interface DeliverQueues {
  telegram: Queue<DeliverJob>;
  discord: Queue<DeliverJob>;
}

/**
 * The deliver jobs for a notice's pending deliveries: one per batch the fan-out gave them
 * (same platform and moment), delayed until that moment. A batch's name is its job id, so a
 * retried fan-out queues nothing twice; a delivery with no batch (a fallback) is its own job.
 */
export function deliverJobs(pending: readonly Delivery[], channel: Channel, now: Date) {
  const batches = new Map<string, Delivery[]>();
  for (const d of pending) {
    if (d.channel !== channel) continue;
    const id = d.batch ?? String(d._id);
    const batch = batches.get(id);
    if (batch) batch.push(d);
    else batches.set(id, [d]);
  }
  return [...batches].map(([jobId, batch]) => ({
    name: 'deliver',
    data: { deliveryIds: batch.map((d) => String(d._id)) },
    opts: { jobId, delay: Math.max(0, Math.min(...batch.map((d) => d.notBefore.getTime())) - now.getTime()) },
  }));
}

/** Resolves a notice into deliveries and queues them in batches on their platforms' queues. */
export function startFanoutWorker(
  settings: QueueSettings,
  fanout: FanoutService,
  deliver: DeliverQueues,
  logger: Logger,
  now: () => Date = () => new Date(),
  afterFanout: (result: FanoutResult) => Promise<unknown> = async () => undefined,
): Worker<FanoutJob> {
  const worker = new Worker<FanoutJob>(
    QUEUE_NAMES.fanout,
    async (job: Job<FanoutJob>) => {
      const parsed = fanoutPayload.safeParse(job.data);
      // A malformed payload will not get better by retrying.
      if (!parsed.success) throw new UnrecoverableError(`invalid fan-out payload: ${parsed.error.message}`);
      const result = await fanout.fanOut(parsed.data.noticeId);
      for (const channel of ['telegram', 'discord'] as const) {
        const jobs = deliverJobs(result.pending, channel, now());
        if (jobs.length > 0) await deliver[channel].addBulk(jobs);
      }
      await afterFanout(result);
      return { created: result.created, queued: result.pending.length, unreachable: result.unreachable };
    },
    { connection: connectionFor(settings), prefix: settings.prefix, concurrency: 4 },
  );
  reportWorkerErrors(worker, logger, 'fan-out');
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'fan-out job failed'));
  return worker;
}
