import type { Connection, Model, Types } from 'mongoose';
import { ConflictError, NotFoundError, ValidationError } from '../app-error.js';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/api-token.service.js';
import { eventModel } from '../events/event.model.js';
import { deliveryModel, DELIVERY_STATUSES, type DeliveryStatus } from '../notifications/delivery.model.js';
import type { FanoutService } from '../notifications/fanout.service.js';
import { noticeModel } from '../notices/notice.model.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { paginate, type Page } from '../shared/pagination.js';
import { requestModel } from '../requests/request.model.js';
import { CHANNELS, type Channel } from '../users/user.model.js';
import { BROADCAST_AUDIENCES, broadcastModel, type Broadcast, type BroadcastAudience, type BroadcastSegment } from './broadcast.model.js';
import type { BroadcastListQuery, CreateBroadcastInput } from './broadcast.schemas.js';
import { segmentUserIds } from './segment-audience.js';
import { countRecipients, lifecycleOf, type BroadcastCounts, type BroadcastLifecycle } from './broadcast-lifecycle.js';
import { notLeased } from '../notifications/delivery-records.js';

/** How far ahead a broadcast may be scheduled. */
const MAX_SCHEDULE_AHEAD_MS = 366 * 86_400_000;

/** What cancelling did: deliveries stopped, already sent, and in a worker's hands at that moment. */
export interface CancelOutcome {
  stopped: number;
  alreadySent: number;
  stillSending: number;
}

function notCancellable(status: BroadcastLifecycle): ConflictError {
  return new ConflictError('broadcast.not_cancellable', 'Only a broadcast that is scheduled or still sending can be cancelled.', { status });
}

/** Where a broadcast's deliveries stand, per channel. */
export type BroadcastProgress = Record<Channel, Record<DeliveryStatus, number>>;

/**
 * Organisers' messages to a segment. Creating one writes its notice in the same insert; the
 * fan-out then creates every delivery at once, held until `sendAt` (and each person's quiet
 * hours), so the count is fixed when it is sent and cancelling before then stops all of it.
 */
export class BroadcastsService {
  private readonly broadcasts: Model<Broadcast>;

  constructor(
    private readonly connection: Connection,
    private readonly fanout: FanoutService,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.broadcasts = broadcastModel(connection);
  }

  /** The audiences this actor may write to: all of them for organisers, else Forbidden (auth.forbidden). */
  audiencesFor(actor: Actor): readonly BroadcastAudience[] {
    requireRole(actor, 'organiser');
    return BROADCAST_AUDIENCES;
  }

  /** Recipients per channel for a segment, without sending anything (organisers). */
  async preview(actor: Actor, segment: BroadcastSegment): Promise<{ recipients: number; telegram: number; discord: number; unreachable: number }> {
    requireRole(actor, 'organiser');
    const reach = await this.fanout.reach(await segmentUserIds(this.connection, segment));
    return { recipients: reach.telegram + reach.discord, ...reach };
  }

  /** Schedules a broadcast (now when `sendAt` is absent); organisers. */
  async create(actor: Actor, input: CreateBroadcastInput): Promise<Broadcast> {
    requireRole(actor, 'organiser');
    const now = this.now();
    const sendAt = input.sendAt ?? now;
    if (sendAt.getTime() < now.getTime() - 60_000 || sendAt.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS) {
      throw new ValidationError('broadcast.bad_send_time', 'Send it now or at a time within the next year.');
    }
    if (input.link) await this.assertLinkExists(input.link);
    const doc = await this.broadcasts.create({
      createdBy: actor.userId,
      segment: input.segment,
      text: input.text,
      ...(input.link ? { link: input.link } : {}),
      sendAt,
      outbox: [outboxEntry('broadcast.sent', { sendAt: sendAt.toISOString() }, now)],
    });
    await this.outbox.drain('broadcast', doc._id);
    return { ...doc.toObject(), outbox: [] };
  }

  /**
   * Stops a broadcast that is scheduled or still sending: every delivery not yet in a
   * worker's hands is cancelled. Says what happened: how many were stopped, how many had
   * already gone, and how many a worker was sending at that moment (those may still arrive).
   * A broadcast that has finished (sent, failed) or was cancelled is refused (409).
   */
  async cancel(actor: Actor, id: Types.ObjectId): Promise<{ broadcast: Broadcast; outcome: CancelOutcome }> {
    requireRole(actor, 'organiser');
    const before = await this.state(actor, id);
    if (before.status !== 'scheduled' && before.status !== 'sending') throw notCancellable(before.status);
    const now = this.now();
    const cancelled = await this.broadcasts
      .findOneAndUpdate({ _id: id, status: 'scheduled' }, { $set: { status: 'cancelled', cancelledAt: now } }, { returnDocument: 'after' })
      .lean();
    if (!cancelled) throw notCancellable('cancelled');
    const noticeIds = await this.noticeIdsOf(id);
    const deliveries = deliveryModel(this.connection);
    const stopped = await deliveries.updateMany({ noticeId: { $in: noticeIds }, status: 'pending', ...notLeased(now) }, { $set: { status: 'cancelled' } });
    const [alreadySent, stillSending] = await Promise.all([
      deliveries.countDocuments({ noticeId: { $in: noticeIds }, status: 'sent', space: { $ne: true } }),
      deliveries.countDocuments({ noticeId: { $in: noticeIds }, status: 'pending', space: { $ne: true } }),
    ]);
    return { broadcast: cancelled, outcome: { stopped: stopped.modifiedCount, alreadySent, stillSending } };
  }

  /** Where the broadcast stands (scheduled → sending → sent, or cancelled / failed) and its recipients by outcome. */
  async state(actor: Actor, id: Types.ObjectId): Promise<{ status: BroadcastLifecycle; counts: BroadcastCounts }> {
    const broadcast = await this.get(actor, id);
    const notices = await noticeModel(this.connection).find({ 'subject.id': id, 'subject.kind': 'broadcast' }, { _id: 1, fannedOutAt: 1, unreachable: 1 }).lean();
    // Posts to group and server channels are not recipients; they are left out of the counts.
    const rows = await deliveryModel(this.connection)
      .find({ noticeId: { $in: notices.map((n) => n._id) }, space: { $ne: true } }, { userId: 1, status: 1, _id: 0 })
      .lean();
    const counts = countRecipients(rows, notices.reduce((sum, n) => sum + (n.unreachable ?? 0), 0));
    const fannedOut = notices.some((n) => n.fannedOutAt !== undefined);
    return { status: lifecycleOf({ cancelled: broadcast.status === 'cancelled', sendAt: broadcast.sendAt, fannedOut, counts, now: this.now() }), counts };
  }

  /** One broadcast (organisers). */
  async get(actor: Actor, id: Types.ObjectId): Promise<Broadcast> {
    requireRole(actor, 'organiser');
    const found = await this.broadcasts.findById(id, { outbox: 0 }).lean();
    if (!found) throw new NotFoundError('broadcast.not_found', 'No such broadcast.', { id: String(id) });
    return found;
  }

  /** Broadcasts, newest first (organisers). */
  async list(actor: Actor, query: BroadcastListQuery): Promise<Page<Broadcast>> {
    requireRole(actor, 'organiser');
    return paginate(this.broadcasts, {}, { sortField: 'createdAt', direction: -1, cursor: query.cursor, limit: query.limit });
  }

  /** Deliveries per channel and status: readable while the broadcast goes out. */
  async progress(actor: Actor, id: Types.ObjectId): Promise<BroadcastProgress> {
    requireRole(actor, 'organiser');
    const rows = await deliveryModel(this.connection).aggregate<{ _id: { channel: Channel; status: DeliveryStatus }; n: number }>([
      { $match: { noticeId: { $in: await this.noticeIdsOf(id) } } },
      { $group: { _id: { channel: '$channel', status: '$status' }, n: { $sum: 1 } } },
    ]);
    const zero = () => Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    const progress = Object.fromEntries(CHANNELS.map((c) => [c, zero()])) as BroadcastProgress;
    for (const row of rows) progress[row._id.channel][row._id.status] = row.n;
    return progress;
  }

  private async noticeIdsOf(id: Types.ObjectId): Promise<string[]> {
    const notices = await noticeModel(this.connection).find({ 'subject.id': id, 'subject.kind': 'broadcast' }, { _id: 1 }).lean();
    return notices.map((n) => n._id);
  }

  private async assertLinkExists(link: { kind: 'event' | 'request'; id: Types.ObjectId }): Promise<void> {
    const found =
      link.kind === 'event'
        ? await eventModel(this.connection).exists({ _id: link.id, status: { $ne: 'draft' } })
        : await requestModel(this.connection).exists({ _id: link.id, status: { $ne: 'draft' } });
    if (!found) throw new ValidationError('broadcast.link_not_found', 'The linked event or request does not exist or is not published.', { link: { kind: link.kind, id: String(link.id) } });
  }
}
