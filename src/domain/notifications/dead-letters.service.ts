import type { Connection, Types } from 'mongoose';
import { ConflictError, DependencyUnavailableError, NotFoundError } from '../app-error.js';
import { noticeModel } from '../notices/notice.model.js';
import { paginate, type Page } from '../shared/pagination.js';
import type { Channel } from '../users/user.model.js';
import { deliveryModel, type Delivery } from './delivery.model.js';
import type { Actor } from '../auth/api-token.service.js';
import { requireRole } from '../auth/access.js';
import type { AuditLog } from '../moderation/audit-log.service.js';

/** Puts a delivery back on its platform's queue; the composition root wires it to BullMQ. */
export type RequeueDelivery = (channel: Channel, deliveryId: string) => Promise<void>;

/** Whether the job queue answers right now (Redis in the service). */
export type QueueReachable = () => boolean;

// Long enough for Redis to come back from a restart, short enough that an admin retries soon.
const QUEUE_RETRY_AFTER_SECONDS = 5;

/** A delivery as admins see it in the dead-letter list, with the type of its notice. */
export type DeadLetter = Delivery & { noticeType: string | null };

/**
 * Deliveries that will not go out by themselves: dead (every attempt failed, or the platform
 * refused the message) or failed (the account was unreachable and no other channel was left).
 * Admins read them and send one again once the cause is fixed.
 */
export class DeadLetters {
  constructor(
    private readonly connection: Connection,
    private readonly requeue: RequeueDelivery,
    private readonly audit?: AuditLog,
    private readonly queueReachable: QueueReachable = () => true,
  ) {}

  /** Deliveries that gave up or failed, newest first; admins only. */
  async list(actor: Actor, query: { status: 'dead' | 'failed'; channel?: Channel | undefined; cursor?: string | undefined; limit: number }): Promise<Page<DeadLetter>> {
    requireRole(actor, 'admin');
    const filter = { status: query.status, ...(query.channel ? { channel: query.channel } : {}) };
    const page = await paginate(deliveryModel(this.connection), filter, { sortField: 'updatedAt', direction: -1, cursor: query.cursor, limit: query.limit });
    const notices = await noticeModel(this.connection).find({ _id: { $in: page.items.map((d) => d.noticeId) } }, { type: 1 }).lean();
    const types = new Map(notices.map((n) => [n._id, n.type]));
    return { items: page.items.map((d) => ({ ...d, noticeType: types.get(d.noticeId) ?? null })), nextCursor: page.nextCursor };
  }

  /**
   * Sends a dead or failed delivery again, now. "Now" needs the queue: while it cannot be
   * reached this refuses before changing anything (the reconciler would only pick the delivery
   * up minutes later, which is not what the admin asked for).
   */
  async retry(actor: Actor, id: Types.ObjectId): Promise<Delivery> {
    requireRole(actor, 'admin');
    if (!this.queueReachable()) {
      throw new DependencyUnavailableError('dependency_unavailable', 'The job queue (Redis) cannot be reached; nothing was changed.', {
        dependency: 'redis',
        retryAfterSeconds: QUEUE_RETRY_AFTER_SECONDS,
      });
    }
    const moved = await deliveryModel(this.connection)
      .findOneAndUpdate({ _id: id, status: { $in: ['dead', 'failed'] } }, { $set: { status: 'pending', attempts: 0, notBefore: new Date() } }, { returnDocument: 'after' })
      .lean();
    if (!moved) {
      const existing = await deliveryModel(this.connection).findById(id, { status: 1 }).lean();
      if (!existing) throw new NotFoundError('delivery.not_found', 'No such delivery.', { id: String(id) });
      throw new ConflictError('delivery.not_retryable', 'Only a dead or failed delivery can be sent again.', { status: existing.status });
    }
    await this.requeue(moved.channel, String(moved._id));
    await this.audit?.record(actor, 'delivery.retried', { type: 'delivery', id }, { channel: moved.channel });
    return moved;
  }
}
