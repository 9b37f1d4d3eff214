import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { reportWorkerErrors } from './report-worker-errors.js';
import type { FanoutResult, FanoutService } from '../../src/domain/notifications/fanout.service.js';
import type { Logger } from '../../src/log.js';
import type { FanoutJob } from '../notice-relay.js';
import { connectionFor, QUEUE_NAMES, type QueueSettings } from '../queues.js';

/** A deliver job's payload: the delivery to send (MongoDB holds the rest). */
export interface DeliverJob {
  deliveryId: string;
}

const fanoutPayload = z.strictObject({ noticeId: z.string().min(1).max(100) });

/** Where each channel's deliveries are queued. */
export interface DeliverQueues {
  telegram: Queue<DeliverJob>;
  discord: Queue<DeliverJob>;
}

/**
 * Resolves a notice into deliveries and queues each on its platform's queue, delayed until
 * its notBefore. Job ids are delivery ids, so a retried fan-out queues nothing twice.
 */
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
        const jobs = result.pending
          .filter((d) => d.channel === channel)
          .map((d) => ({
            name: 'deliver',
            data: { deliveryId: String(d._id) },
            opts: { jobId: String(d._id), delay: Math.max(0, d.notBefore.getTime() - now().getTime()) },
          }));
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
