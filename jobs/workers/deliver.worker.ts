import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { reportWorkerErrors } from './report-worker-errors.js';
import type { DeliveryRecords } from '../../src/domain/notifications/delivery-records.js';
import { renderNotice, type RenderedNotice } from '../../src/domain/notifications/render-notice.js';
import { ShortCache } from '../../src/domain/notifications/short-cache.js';
import { splitMessage } from '../../src/domain/notifications/split-message.js';
import type { Logger } from '../../src/log.js';
import type { ServiceMetrics } from '../../src/observability/service-metrics.js';
import { connectionFor, QUEUE_NAMES, type QueueSettings } from '../queues.js';
import { SendFailure, type PlatformSender } from '../senders/send-failure.js';
import type { DeliverJob, DeliverQueues } from './fanout.worker.js';

const deliverPayload = z.strictObject({ deliveryId: z.string().regex(/^[0-9a-f]{24}$/) });

/**
 * Platform-wide send limits, held by BullMQ's worker limiter across every worker of a queue.
 * Telegram (30 msg/s) gets one send per 34 ms: evenly spaced, a fixed 30-per-second window
 * would let 60 through across a window edge and draw 429s. Discord's REST client paces
 * requests itself (50/s), so its queue only needs the same ceiling.
 */
export const PLATFORM_LIMITS = { telegram: { max: 1, duration: 34 }, discord: { max: 50, duration: 1000 } } as const;

export interface DeliverWorkerDeps {
  connection: Connection;
  records: DeliveryRecords;
  sender: PlatformSender;
  /** Where fall-back deliveries go when this platform cannot reach someone. */
  queues: DeliverQueues;
  logger: Logger;
  metrics?: ServiceMetrics | undefined;
  limiter?: { max: number; duration: number };
}

/**
 * Sends the deliveries queued for one platform: renders each at send time in its reader's
 * language and zone, splits it to the platform's length, and sends through the sender.
 * A 429 pauses the whole queue for retry_after instead of failing the job; an unreachable
 * account falls back to the person's next channel; other failures retry with backoff and,
 * after the last attempt, the delivery is dead-lettered for admins.
 */
export function startDeliverWorker(settings: QueueSettings, deps: DeliverWorkerDeps): Worker<DeliverJob> {
  const { records, sender, logger, metrics } = deps;
  // One rendering per notice, language and zone per moment: a 10,000-person broadcast reads
  // its subject a handful of times, not 10,000. Subjects stay "as they are when the message
  // leaves" to within two seconds.
  const renderings = new ShortCache<RenderedNotice>(2_000);
  const platform = sender.channel;
  const worker: Worker<DeliverJob> = new Worker<DeliverJob>(
    platform === 'telegram' ? QUEUE_NAMES.deliverTelegram : QUEUE_NAMES.deliverDiscord,
    async (job: Job<DeliverJob>) => {
      const parsed = deliverPayload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid deliver payload: ${parsed.error.message}`);
      const found = await records.load(parsed.data.deliveryId);
      if (!found) return { skipped: true };
      const { delivery, notice, reader } = found;
      const rendered = await renderings.get(`${notice._id}|${reader.locale}|${reader.timezone}`, () => renderNotice(deps.connection, notice, reader));
      const parts = splitMessage(sender.format(rendered.title, rendered.body), sender.maxLength);
      const sentBefore = delivery.platformMessageIds;
      if (sentBefore.length >= parts.length) {
        // Every part went out before a crash cut the last write short: only the status is missing.
        await records.sent(delivery._id, sentBefore.at(-1) ?? '');
        return { sent: 0 };
      }
      const started = process.hrtime.bigint();
      try {
        // The last part and the status change go in one write; earlier parts are recorded one by one.
        const onSent = (id: string, index: number) => (index === parts.length - 1 ? records.sent(delivery._id, id) : records.partSent(delivery._id, id));
        await sender.send(delivery.address, parts, { deliveryId: String(delivery._id), from: delivery.platformMessageIds.length }, onSent);
      } catch (error) {
        const failure = error instanceof SendFailure ? error : new SendFailure('transient', String(error));
        metrics?.deliveriesFailed.inc({ platform, kind: failure.kind });
        if (failure.kind === 'rate_limited') {
          await worker.rateLimit(failure.retryAfterMs);
          throw Worker.RateLimitError();
        }
        if (failure.kind === 'unreachable') {
          const fallback = await records.unreachable(delivery, failure.message);
          if (fallback) await deps.queues[fallback.channel].add('deliver', { deliveryId: String(fallback._id) }, { jobId: String(fallback._id) });
          return { unreachable: true, fallback: fallback?.channel ?? null };
        }
        if (failure.kind === 'rejected') {
          await records.dead(String(delivery._id), failure.message);
          throw new UnrecoverableError(failure.message);
        }
        await records.attemptFailed(delivery._id, failure.message);
        throw failure;
      }
      metrics?.deliveriesSent.inc({ platform });
      metrics?.sendSeconds.observe({ platform }, Number(process.hrtime.bigint() - started) / 1e9);
      return { sent: parts.length };
    },
    { connection: connectionFor(settings), prefix: settings.prefix, concurrency: 16, limiter: deps.limiter ?? PLATFORM_LIMITS[platform] },
  );
  reportWorkerErrors(worker, logger, 'deliver');
  worker.on('failed', (job, err) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    // The last attempt failed: nothing will retry it, so it becomes a dead letter.
    if (job.attemptsMade >= attempts || err instanceof UnrecoverableError) {
      void records.dead(job.data.deliveryId, err.message).catch((e: unknown) => logger.warn({ err: e }, 'could not dead-letter a delivery'));
      metrics?.deliveriesFailed.inc({ platform, kind: 'dead' });
    }
    logger.warn({ jobId: job.id, attempts: job.attemptsMade, err: err.message }, 'delivery attempt failed');
  });
  return worker;
}
