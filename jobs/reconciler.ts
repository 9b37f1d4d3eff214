import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { notLeased } from '../src/domain/notifications/delivery-records.js';
import { deliveryModel, type Delivery } from '../src/domain/notifications/delivery.model.js';
import { noticeModel } from '../src/domain/notices/notice.model.js';
import type { Logger } from '../src/log.js';
import type { FanoutJob } from './notice-relay.js';
import { deliverJobs, type DeliverQueues } from './workers/fanout.worker.js';

const BATCH = 1000;

/** What one pass put back on the queues. */
export interface ReconcileResult {
  fanouts: number;
  deliveries: number;
}

/**
 * MongoDB holds what must still happen; Redis only carries the work. After a Redis wipe or
 * a worker crash, notices dispatched but never fanned out, and deliveries still pending well
 * after their time, have no job any more: this puts them back, under the same job ids, so a
 * job that still exists is never doubled.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReconcileResult> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly queues: { fanout: Queue<FanoutJob>; deliver: DeliverQueues },
    private readonly logger: Logger,
    private readonly afterMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One pass; never two at once in one process. */
  tick(): Promise<ReconcileResult> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Runs tick() every `intervalMs` until stop(). */
  start(intervalMs: number, onPass: (result: ReconcileResult) => void = () => undefined): void {
    this.timer = setInterval(() => {
      this.tick().then(onPass, (err: unknown) => this.logger.warn({ err }, 'reconciler pass failed; will retry'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<ReconcileResult> {
    const before = new Date(this.now().getTime() - this.afterMs);
    const result = { fanouts: await this.requeueFanouts(before), deliveries: await this.requeueDeliveries(before) };
    if (result.fanouts + result.deliveries > 0) this.logger.warn(result, 'reconciler re-queued work whose jobs were lost');
    return result;
  }

  private async requeueFanouts(before: Date): Promise<number> {
    const stuck = await noticeModel(this.connection)
      .find({ status: 'dispatched', fannedOutAt: { $exists: false }, dispatchedAt: { $lte: before } }, { _id: 1 })
      .limit(BATCH)
      .lean();
    let requeued = 0;
    for (const { _id } of stuck) {
      if (await this.queues.fanout.getJob(_id)) continue;
      await this.queues.fanout.add('fanout', { noticeId: _id }, { jobId: _id });
      requeued += 1;
    }
    return requeued;
  }

  /**
   * Deliveries pending well after their time whose job is gone (or finished without them)
   * and that no worker holds a lease on: queued again under their batch's job id.
   */
  private async requeueDeliveries(before: Date): Promise<number> {
    const now = this.now();
    const stuck = await deliveryModel(this.connection)
      .find({ status: 'pending', notBefore: { $lte: before }, ...notLeased(now) }, { _id: 1, channel: 1, batch: 1, notBefore: 1 })
      .limit(BATCH)
      .lean();
    let requeued = 0;
    for (const channel of ['telegram', 'discord'] as const) {
      const queue = this.queues.deliver[channel];
      for (const job of deliverJobs(stuck as Delivery[], channel, now)) {
        const existing = await queue.getJob(job.opts.jobId);
        if (existing && !(await existing.isCompleted()) && !(await existing.isFailed())) continue;
        // A finished job keeps its id for a while; the deliveries it left need a fresh one.
        await existing?.remove();
        await queue.add(job.name, job.data, { jobId: job.opts.jobId });
        requeued += job.data.deliveryIds.length;
      }
    }
    return requeued;
  }
}
