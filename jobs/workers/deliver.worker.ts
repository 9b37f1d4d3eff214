import { randomUUID } from 'node:crypto';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { Types, type Connection } from 'mongoose';
import { z } from 'zod';
import { reportWorkerErrors } from './report-worker-errors.js';
import type { DeliveryRecords, DeliveryToSend } from '../../src/domain/notifications/delivery-records.js';
import { renderNotice, type RenderedNotice } from '../../src/domain/notifications/render-notice.js';
import { ShortCache } from '../../src/domain/notifications/short-cache.js';
import { splitText } from '../../src/domain/shared/split-text.js';
import type { Logger } from '../../src/log.js';
import type { ServiceMetrics } from '../../src/observability/service-metrics.js';
import { connectionFor, QUEUE_NAMES, type QueueSettings } from '../queues.js';
import { SendFailure, type PlatformSender } from '../senders/send-failure.js';
import { SendPacer, UNPACED, type Pacer } from '../senders/send-pacer.js';
import type { DeliverJob, DeliverQueues } from './fanout.worker.js';

const deliverPayload = z.strictObject({ deliveryIds: z.array(z.string().regex(/^[0-9a-f]{24}$/)).min(1).max(1000) });

/**
 * Time between two requests to a platform, across every worker process sharing the bot.
 * Telegram allows 30 messages a second and Discord 50 requests; evenly spaced a little under
 * that, no sliding one-second window ever holds more, even with a few milliseconds of jitter.
 */
export const PLATFORM_PACE_MS = { telegram: 34.5, discord: 20.8 } as const;

/** Deliveries of a job claimed and sent together: enough in flight to fill the pacer, few enough that a crash strands little. */
const WAVE = 25;

/**
 * Only so that a 429 can pause the queue: BullMQ pauses a worker through its limiter. Jobs
 * are batches; the platforms' limits are kept per request by the pacer.
 */
const JOB_LIMITER = { max: 1_000, duration: 1_000 };

export interface DeliverWorkerDeps {
  connection: Connection;
  records: DeliveryRecords;
  sender: PlatformSender;
  /** Where fall-back deliveries go when this platform cannot reach someone. */
  queues: DeliverQueues;
  logger: Logger;
  metrics?: ServiceMetrics | undefined;
  /** Milliseconds between requests to the platform; null lifts the limit (benchmarks). */
  paceMs?: number | null;
}

/** Some deliveries of a batch failed in a way worth retrying; the job retries them with backoff. */
export class BatchFailure extends Error {
  constructor(
    readonly deliveryIds: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'BatchFailure';
  }
}

/** A send not made because the platform answered 429 to another send of the same job. */
class HeldBack extends SendFailure {
  constructor(ms: number) {
    super('rate_limited', 'held back after a 429', ms);
  }
}

/** What happened to a job's deliveries across its waves. */
interface JobRun {
  sent: number;
  /** Set by the first 429: the rest of the job waits that long. */
  rateLimitedMs: number;
  failed: string[];
  lastError: string;
}

/**
 * Sends the deliveries queued for one platform. A job carries a batch of deliveries; each
 * wave of them is claimed (leased in MongoDB, so no other job sends them meanwhile), rendered
 * in its reader's language and zone, split to the platform's length and sent, every request
 * waiting its turn on the shared pacer. A 429 holds the pacer and pauses the queue for
 * retry_after instead of failing the job; an unreachable account falls back to the person's
 * next channel; other failures retry with backoff and, after the last attempt, the delivery
 * is dead-lettered for admins.
 */
export function startDeliverWorker(settings: QueueSettings, deps: DeliverWorkerDeps): Worker<DeliverJob> {
  const { records, sender, logger, metrics } = deps;
  // One rendering per notice, language and zone per moment: a 10,000-person broadcast reads
  // its subject a handful of times, not 10,000. Subjects stay "as they are when the message
  // leaves" to within two seconds.
  const renderings = new ShortCache<RenderedNotice>(2_000);
  const platform = sender.channel;
  const paceMs = deps.paceMs === undefined ? PLATFORM_PACE_MS[platform] : deps.paceMs;
  const pacerRedis = paceMs ? new Redis(settings.redisUrl, { maxRetriesPerRequest: null }) : null;
  pacerRedis?.on('error', (err: Error) => logger.warn({ err: err.message }, 'pacer: redis connection error'));
  const pacer: Pacer = pacerRedis && paceMs ? new SendPacer(pacerRedis, `${settings.prefix}:pace:${platform}`, paceMs) : UNPACED;

  const sendOne = async ({ delivery, notice, reader, dmChannelId }: DeliveryToSend, run: JobRun): Promise<void> => {
    const rendered = await renderings.get(`${notice._id}|${reader.locale}|${reader.timezone}`, () => renderNotice(deps.connection, notice, reader));
    const parts = splitText(sender.format(rendered.title, rendered.body), sender.maxLength, sender.markup);
    const sentBefore = delivery.platformMessageIds;
    if (sentBefore.length >= parts.length) {
      // Every part went out before a crash cut the last write short: only the status is missing.
      await records.sent(delivery._id, sentBefore.at(-1) ?? '');
      return;
    }
    const beforeRequest = async () => {
      if (run.rateLimitedMs) throw new HeldBack(run.rateLimitedMs);
      await pacer.turn();
      if (run.rateLimitedMs) throw new HeldBack(run.rateLimitedMs);
    };
    const started = process.hrtime.bigint();
    // A newly opened DM channel is remembered while the message goes out, not before it; the
    // memory only saves a request next time, so failing to store it fails no delivery.
    let remembering: Promise<void> | undefined;
    const remembered = async () => {
      await remembering?.catch((err: unknown) => logger.warn({ err, address: delivery.address }, 'could not remember a Discord DM channel'));
    };
    try {
      // The last part and the status change go in one write; earlier parts are recorded one by one.
      const onSent = (id: string, index: number) => (index === parts.length - 1 ? records.sent(delivery._id, id) : records.partSent(delivery._id, id));
      const context = {
        deliveryId: String(delivery._id),
        from: sentBefore.length,
        beforeRequest,
        dmChannelId,
        onDmChannelOpened: async (channelId: string) => {
          remembering = records.rememberDmChannel(delivery.address, channelId);
          // Settled by remembered(); until then a failure must not count as unhandled.
          remembering.catch(() => undefined);
        },
      };
      await sender.send(delivery.address, parts, context, onSent);
    } catch (error) {
      await remembered();
      if (error instanceof HeldBack) return;
      const failure = error instanceof SendFailure ? error : new SendFailure('transient', String(error));
      metrics?.deliveriesFailed.inc({ platform, kind: failure.kind });
      if (failure.kind === 'rate_limited') {
        if (!run.rateLimitedMs) {
          run.rateLimitedMs = Math.max(1, failure.retryAfterMs);
          await pacer.hold(run.rateLimitedMs);
        }
        return;
      }
      if (failure.kind === 'unreachable') {
        const fallback = await records.unreachable(delivery, failure.message);
        if (fallback) await deps.queues[fallback.channel].add('deliver', { deliveryIds: [String(fallback._id)] }, { jobId: String(fallback._id) });
        return;
      }
      if (failure.kind === 'rejected') {
        await records.dead(String(delivery._id), failure.message);
        return;
      }
      await records.attemptFailed(delivery._id, failure.message);
      run.failed.push(String(delivery._id));
      run.lastError = failure.message;
      return;
    }
    await remembered();
    run.sent += 1;
    metrics?.deliveriesSent.inc({ platform });
    metrics?.sendSeconds.observe({ platform }, Number(process.hrtime.bigint() - started) / 1e9);
  };

  const worker: Worker<DeliverJob> = new Worker<DeliverJob>(
    platform === 'telegram' ? QUEUE_NAMES.deliverTelegram : QUEUE_NAMES.deliverDiscord,
    async (job: Job<DeliverJob>, token?: string) => {
      const parsed = deliverPayload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid deliver payload: ${parsed.error.message}`);
      const ids = parsed.data.deliveryIds.map((id) => new Types.ObjectId(id));
      const lease = randomUUID();
      const run: JobRun = { sent: 0, rateLimitedMs: 0, failed: [], lastError: '' };
      let busyUntil = 0;
      try {
        for (let i = 0; i < ids.length && !run.rateLimitedMs; i += WAVE) {
          const claimed = await records.claim(ids.slice(i, i + WAVE), lease);
          busyUntil = Math.max(busyUntil, claimed.busyUntil?.getTime() ?? 0);
          // Every send of the wave settles before anything is released (a failed write must
          // not free a delivery another send of this wave is still sending).
          const outcomes = await Promise.allSettled(claimed.ready.map((d) => sendOne(d, run)));
          const broken = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
          if (broken) throw broken.reason;
        }
      } finally {
        // What this attempt did not finish is free at once for the next one.
        await records.release(ids, lease);
      }
      if (run.rateLimitedMs) {
        await worker.rateLimit(run.rateLimitedMs);
        throw Worker.RateLimitError();
      }
      if (busyUntil && token) {
        // Another job holds some of these (a re-queued copy): look again when its lease ends.
        await job.moveToDelayed(busyUntil + 100, token);
        throw new DelayedError();
      }
      if (run.failed.length > 0) throw new BatchFailure(run.failed, run.lastError);
      return { sent: run.sent };
    },
    { connection: connectionFor(settings), prefix: settings.prefix, concurrency: 4, limiter: JOB_LIMITER },
  );
  reportWorkerErrors(worker, logger, 'deliver');
  worker.on('failed', (job, err) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    // The last attempt failed: nothing will retry it, so what it still held becomes dead letters.
    if (job.attemptsMade >= attempts || err instanceof UnrecoverableError) {
      const ids = err instanceof BatchFailure ? err.deliveryIds : (deliverPayload.safeParse(job.data).data?.deliveryIds ?? []);
      for (const id of ids) void records.dead(id, err.message).catch((e: unknown) => logger.warn({ err: e }, 'could not dead-letter a delivery'));
      metrics?.deliveriesFailed.inc({ platform, kind: 'dead' }, ids.length);
    }
    logger.warn({ jobId: job.id, attempts: job.attemptsMade, err: err.message }, 'delivery attempt failed');
  });
  worker.on('closed', () => pacerRedis?.disconnect());
  return worker;
}
