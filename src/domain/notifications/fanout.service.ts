import { randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { noticeModel } from '../notices/notice.model.js';
import { identityModel } from '../users/identity.model.js';
import { userModel, type Channel, type User } from '../users/user.model.js';
import type { Audience, AudienceResolver } from './audience.js';
import { announcementSpaceModel } from './announcement-space.model.js';
import { chooseChannel } from './choose-channel.js';
import { deliveryModel, type Delivery } from './delivery.model.js';
import type { NoticeType } from '../notices/notice.model.js';
import { endOfQuietHours } from './quiet-hours.js';
import { activeUsers } from '../users/ban-state.js';

const DUPLICATE_KEY = 11000;

/** What planning reads of each person (a broadcast reads thousands: not whole profiles). */
const PLANNING_FIELDS = { timezone: 1, notifications: 1 } as const;
type PlanningUser = Pick<User, 'timezone' | 'notifications'> & { _id: Types.ObjectId };

/** Deliveries one deliver job carries: a job's fixed cost (queue, reads) is shared by them all. */
export const DELIVERY_BATCH_SIZE = 100;

interface PlannedDelivery {
  channel: Channel;
  notBefore: Date;
  batch?: string;
}

/**
 * Groups a notice's new deliveries into deliver jobs: same platform, same moment (quiet hours
 * hold people back to different times), at most DELIVERY_BATCH_SIZE each. The run's random
 * tag keeps a re-run's new rows out of jobs that already exist.
 */
function assignBatches<T extends PlannedDelivery>(noticeId: string, rows: T[]): T[] {
  const run = randomBytes(4).toString('hex');
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = `${row.channel}.${row.notBefore.getTime()}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  let n = 0;
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += DELIVERY_BATCH_SIZE, n += 1) {
      for (const row of group.slice(i, i + DELIVERY_BATCH_SIZE)) row.batch = `${noticeId}.${row.channel}.${run}.${n}`;
    }
  }
  return rows;
}

/** What one fan-out did: deliveries created now, and every delivery of the notice still to send. */
export interface FanoutResult {
  /** The notice's type and subject, so callers can schedule follow-up work (reminders). */
  notice?: { type: NoticeType; subjectId: Types.ObjectId };
  created: number;
  unreachable: number;
  pending: Delivery[];
}

/**
 * Turns a notice into deliveries: resolve who it is for, pick each person's channel, hold
 * non-urgent notices through their quiet hours. Idempotent — the unique (notice, user,
 * channel) index makes a second run create nothing, and it returns the same pending set.
 */
export class FanoutService {
  constructor(
    private readonly connection: Connection,
    private readonly resolvers: Partial<Record<NoticeType, AudienceResolver>>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates the deliveries of one notice (once) and returns those still pending. */
  async fanOut(noticeId: string): Promise<FanoutResult> {
    const notices = noticeModel(this.connection);
    const notice = await notices.findById(noticeId).lean();
    if (!notice) return { created: 0, unreachable: 0, pending: [] };
    const resolve = this.resolvers[notice.type];
    const audience = resolve ? await resolve(notice) : { userIds: [], urgent: false };
    const ids = [...new Map(audience.userIds.map((id) => [String(id), id])).values()];
    const users = await userModel(this.connection)
      .find({ _id: { $in: ids }, ...activeUsers(this.now()) }, PLANNING_FIELDS)
      .lean();
    const rows = assignBatches(noticeId, [...(await this.plan(noticeId, users, audience)), ...(audience.spaces ? await this.spaceRows(noticeId, audience) : [])]);
    const created = await this.insertNew(rows);
    const unreachable = users.length - rows.filter((r) => !('space' in r)).length;
    await notices.updateOne({ _id: noticeId }, { $set: { fannedOutAt: this.now(), unreachable } });
    const pending = await deliveryModel(this.connection).find({ noticeId, status: 'pending' }).lean();
    return { notice: { type: notice.type, subjectId: notice.subject.id }, created, unreachable, pending };
  }

  /** How many of these people each channel would reach, and how many no channel reaches (broadcast previews). */
  async reach(userIds: readonly Types.ObjectId[]): Promise<{ telegram: number; discord: number; unreachable: number }> {
    const users = await userModel(this.connection)
      .find({ _id: { $in: [...userIds] }, ...activeUsers(this.now()) }, PLANNING_FIELDS)
      .lean();
    const counts = { telegram: 0, discord: 0, unreachable: 0 };
    for (const { pick } of await this.pickChannels(users)) {
      if (pick) counts[pick.channel] += 1;
      else counts.unreachable += 1;
    }
    return counts;
  }

  private async plan(noticeId: string, users: PlanningUser[], audience: Audience) {
    const now = this.now();
    const start = audience.notBefore && audience.notBefore > now ? audience.notBefore : now;
    const { urgent } = audience;
    return (await this.pickChannels(users)).flatMap(({ user, pick }) => {
      if (!pick) return [];
      const notBefore = urgent ? start : endOfQuietHours(start, user.timezone, user.notifications?.quietHours);
      return [{ noticeId, userId: user._id, ...pick, urgent, notBefore, status: 'pending' as const }];
    });
  }

  /** One post per group or server channel that asked for announcements (no quiet hours: a channel is not asleep). */
  private async spaceRows(noticeId: string, audience: Audience) {
    const now = this.now();
    const notBefore = audience.notBefore && audience.notBefore > now ? audience.notBefore : now;
    const spaces = await announcementSpaceModel(this.connection).find().limit(10_000).lean();
    return spaces.map((s) => ({
      noticeId,
      userId: s._id,
      space: true,
      channel: s.platform,
      address: s.platform === 'discord' ? `channel:${s.channelId}` : s.channelId,
      urgent: true,
      notBefore,
      status: 'pending' as const,
    }));
  }

  /** Each person's channel by their preferences and reachable accounts (none when nothing reaches them). */
  private async pickChannels(users: PlanningUser[]) {
    const identities = await identityModel(this.connection)
      .find({ userId: { $in: users.map((u) => u._id) }, provider: { $in: ['telegram', 'discord'] } })
      .lean();
    const byUser = new Map<string, typeof identities>();
    for (const identity of identities) byUser.set(String(identity.userId), [...(byUser.get(String(identity.userId)) ?? []), identity]);
    return users.map((user) => {
      const own = byUser.get(String(user._id)) ?? [];
      const addresses: Partial<Record<Channel, string>> = {};
      for (const identity of own) addresses[identity.provider as Channel] = identity.externalId;
      const unreachable = own.filter((i) => i.unreachableSince).map((i) => i.provider as Channel);
      return { user, pick: chooseChannel({ preferred: user.notifications?.channels ?? [], addresses, unreachable }) };
    });
  }

  /**
   * Inserts the planned rows (with the defaults the schema would add), skipping those that
   * exist. Straight through the driver: a broadcast plans thousands of rows our own code
   * built, and mongoose's per-document casting and validation cost more than the insert.
   */
  private async insertNew(rows: object[]): Promise<number> {
    if (rows.length === 0) return 0;
    const now = this.now();
    const documents = rows.map((row) => ({ ...row, attempts: 0, platformMessageIds: [], createdAt: now, updatedAt: now }));
    try {
      return (await deliveryModel(this.connection).collection.insertMany(documents, { ordered: false })).insertedCount;
    } catch (error) {
      const bulk = error as { writeErrors?: { code?: number }[] | { code?: number }; insertedCount?: number };
      const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : bulk.writeErrors ? [bulk.writeErrors] : [];
      if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      return bulk.insertedCount ?? rows.length - writeErrors.length;
    }
  }
}
