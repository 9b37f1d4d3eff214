import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import type { Outbox } from '../src/domain/notices/outbox.js';
import { noticeModel } from '../src/domain/notices/notice.model.js';
import type { Logger } from '../src/log.js';

/** The fan-out job's payload: which notice to resolve into deliveries. */
export interface FanoutJob {
  noticeId: string;
}

const BATCH = 500;

/**
 * Moves pending notices from MongoDB into the fan-out queue. The job id is the notice id,
 * so relaying twice (two processes, or a retry after a crash between enqueue and mark)
 * queues one job. A notice is marked dispatched only after Redis accepted the job.
 */
export class NoticeRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private sweptThoroughly = false;

  constructor(
    private readonly connection: Connection,
    private readonly outbox: Outbox,
    private readonly fanout: Queue<FanoutJob>,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One pass: drain document outboxes, then queue every pending notice. Returns how many were queued. */
  tick(): Promise<number> {
    // Never two passes at once in one process; other processes are made harmless by the job id.
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Runs tick() every `intervalMs` until stop(); `onQueued` hears how many each pass queued. */
  start(intervalMs = 1000, onQueued: (count: number) => void = () => undefined): void {
    this.timer = setInterval(() => {
      this.tick().then(onQueued, (err: unknown) => this.logger.warn({ err }, 'notice relay pass failed; will retry'));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<number> {
    // The first pass of a process also finds outboxes written before they were flagged.
    await this.outbox.drainAll({ thorough: !this.sweptThoroughly });
    this.sweptThoroughly = true;
    const notices = noticeModel(this.connection);
    let queued = 0;
    for (;;) {
      const pending = await notices.find({ status: 'pending' }, { _id: 1 }).sort({ createdAt: 1 }).limit(BATCH).lean();
      if (pending.length === 0) return queued;
      await this.fanout.addBulk(pending.map((n) => ({ name: 'fanout', data: { noticeId: n._id }, opts: { jobId: n._id } })));
      await notices.updateMany(
        { _id: { $in: pending.map((n) => n._id) }, status: 'pending' },
        { $set: { status: 'dispatched', dispatchedAt: this.now() } },
      );
      queued += pending.length;
      if (pending.length < BATCH) return queued;
    }
  }
}
