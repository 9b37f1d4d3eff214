import { Types, type Connection, type QueryFilter } from 'mongoose';
import { broadcastModel } from '../broadcasts/broadcast.model.js';
import { noticeModel, type Notice } from '../notices/notice.model.js';
import { identityKey, identityModel } from '../users/identity.model.js';
import { userModel, type Channel } from '../users/user.model.js';
import { isBanned } from '../users/ban-state.js';
import { announcementSpaceModel } from './announcement-space.model.js';
import { chooseChannel } from './choose-channel.js';
import { CoalescedWrites } from './coalesced-writes.js';
import { ShortCache } from './short-cache.js';
import { deliveryModel, type Delivery } from './delivery.model.js';
import type { Reader } from './render-notice.js';

/** What a deliver job needs to send: the delivery, its notice and its reader. */
export interface DeliveryToSend {
  delivery: Delivery;
  notice: Notice;
  reader: Reader;
  /** Discord: the DM channel already opened with the reader, if one is known. */
  dmChannelId?: string;
}

const DUPLICATE_KEY = 11000;

/** What a claim found: the deliveries this worker may send now, and when others' leases end. */
export interface Claimed {
  ready: DeliveryToSend[];
  /** Still pending but leased by another worker until then (null when none is). */
  busyUntil: Date | null;
}

/**
 * How long a claim holds deliveries for one worker. Longer than any wave of sends takes,
 * even paced behind every other worker; a crashed worker's deliveries free up after it.
 */
export const LEASE_MS = 30_000;

/** A query filter for deliveries no worker holds a lease on at `now` (never leased, or the lease ran out). */
export function notLeased(now: Date): QueryFilter<Delivery> {
  return { $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] };
}

/**
 * How long a record of a send waits for others to share its write. Sends of a wave finish
 * a round trip apart when each first opens a Discord DM (discord.js opens them one at a
 * time), so "the same turn of the event loop" would mean one write per send.
 */
export const RECORD_WINDOW_MS = 5;

/** The delivery record as the deliver workers move it: claimed, sent, unreachable with fallback, dead. */
export class DeliveryRecords {
  // Notices never change once written, and a cancelled broadcast's held deliveries are
  // marked cancelled themselves: both may be read once per moment for a whole fan-out.
  private readonly notices = new ShortCache<Notice | null>(2_000);
  private readonly cancelled = new ShortCache<boolean>(2_000);
  private readonly sentWrites = new CoalescedWrites<{ id: Types.ObjectId; messageId: string }>((writes) => this.writeSent(writes), RECORD_WINDOW_MS);
  private readonly dmChannelWrites = new CoalescedWrites<{ discordUserId: string; channelId: string }>((writes) => this.writeDmChannels(writes), RECORD_WINDOW_MS);

  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private notice(id: string): Promise<Notice | null> {
    return this.notices.get(id, async () => noticeModel(this.connection).findById(id).lean());
  }

  private get deliveries() {
    return deliveryModel(this.connection);
  }

  /**
   * Leases the still-pending deliveries among `ids` to `by` for LEASE_MS, so no other job
   * (a reconciler's re-queue, a stalled job run again) sends them meanwhile, and returns
   * them with their notices and readers. Those that should no longer go (reader banned or
   * merged, broadcast cancelled, announcements stopped) are cancelled instead.
   */
  async claim(ids: readonly Types.ObjectId[], by: string, leaseMs = LEASE_MS): Promise<Claimed> {
    const now = this.now();
    await this.deliveries.updateMany(
      { _id: { $in: [...ids] }, status: 'pending', ...notLeased(now) },
      { $set: { leaseBy: by, leaseUntil: new Date(now.getTime() + leaseMs) } },
    );
    const rows = await this.deliveries.find({ _id: { $in: [...ids] }, status: 'pending' }).lean();
    let busyUntil: Date | null = null;
    const mine: Delivery[] = [];
    for (const row of rows) {
      if (row.leaseBy === by) mine.push(row);
      else if (row.leaseUntil && row.leaseUntil > now && (!busyUntil || row.leaseUntil > busyUntil)) busyUntil = row.leaseUntil;
    }
    const [readers, dmChannels] = await Promise.all([this.readers(mine), this.dmChannels(mine)]);
    const ready: DeliveryToSend[] = [];
    const stale: Types.ObjectId[] = [];
    for (const delivery of mine) {
      const notice = await this.notice(delivery.noticeId);
      const reader = readers.get(String(delivery.userId));
      if (!notice || !reader || (await this.cancelledBroadcast(notice))) stale.push(delivery._id);
      else {
        const dmChannelId = delivery.channel === 'discord' && !delivery.space ? dmChannels.get(delivery.address) : undefined;
        ready.push({ delivery, notice, reader, ...(dmChannelId ? { dmChannelId } : {}) });
      }
    }
    if (stale.length > 0) await this.deliveries.updateMany({ _id: { $in: stale }, status: 'pending' }, { $set: { status: 'cancelled' } });
    return { ready, busyUntil };
  }

  /**
   * Who reads each delivery, by its userId: people who may still be written to, in their
   * language and zone, and group or server channels (spaces) in the language their admins chose.
   */
  private async readers(deliveries: readonly Delivery[]): Promise<Map<string, Reader>> {
    const people = deliveries.filter((d) => !d.space).map((d) => d.userId);
    const spaces = deliveries.filter((d) => d.space).map((d) => d.userId);
    const [users, spaceRows] = await Promise.all([
      people.length > 0 ? userModel(this.connection).find({ _id: { $in: people } }, { locale: 1, timezone: 1, status: 1, ban: 1, mergedInto: 1 }).lean() : [],
      spaces.length > 0 ? announcementSpaceModel(this.connection).find({ _id: { $in: spaces } }, { locale: 1, timezone: 1 }).lean() : [],
    ]);
    const now = this.now();
    const readers = new Map<string, Reader>();
    for (const user of users) {
      if (!isBanned(user, now) && user.mergedInto === undefined) readers.set(String(user._id), { locale: user.locale, timezone: user.timezone });
    }
    for (const space of spaceRows) readers.set(String(space._id), { locale: space.locale, timezone: space.timezone });
    return readers;
  }

  /** The DM channels known for the Discord accounts among these deliveries, by account id. */
  private async dmChannels(deliveries: readonly Delivery[]): Promise<Map<string, string>> {
    const keys = deliveries.filter((d) => d.channel === 'discord' && !d.space).map((d) => identityKey('discord', d.address));
    if (keys.length === 0) return new Map();
    const known = await identityModel(this.connection).find({ _id: { $in: keys }, dmChannelId: { $exists: true } }, { externalId: 1, dmChannelId: 1 }).lean();
    return new Map(known.flatMap((i) => (i.dmChannelId ? [[i.externalId, i.dmChannelId] as const] : [])));
  }

  /**
   * Remembers the DM channel Discord opened with an account (for every worker process, after
   * restarts too). Channels opened within a few milliseconds are written together.
   */
  rememberDmChannel(discordUserId: string, channelId: string): Promise<void> {
    return this.dmChannelWrites.add({ discordUserId, channelId });
  }

  private async writeDmChannels(writes: readonly { discordUserId: string; channelId: string }[]): Promise<void> {
    await identityModel(this.connection).bulkWrite(
      writes.map((w) => ({ updateOne: { filter: { _id: identityKey('discord', w.discordUserId) }, update: { $set: { dmChannelId: w.channelId } } } })),
      { ordered: false },
    );
  }

  /** Gives back what `by` claimed and did not finish (a 429, a failure to retry), for the next attempt to claim at once. */
  async release(ids: readonly Types.ObjectId[], by: string): Promise<void> {
    await this.deliveries.updateMany({ _id: { $in: [...ids] }, leaseBy: by, status: 'pending' }, { $unset: { leaseBy: 1, leaseUntil: 1 } });
  }

  /** Records one accepted part, so a retry continues after it. */
  async partSent(deliveryId: Types.ObjectId, messageId: string): Promise<void> {
    await this.deliveries.updateOne({ _id: deliveryId }, { $push: { platformMessageIds: messageId } });
  }

  /**
   * The last part was accepted: the delivery is done. Sends that finish within
   * RECORD_WINDOW_MS are written together (one bulk write for a wave of sends, one write for
   * a lone paced send), so recording stays prompt while costing one round trip per batch.
   */
  sent(deliveryId: Types.ObjectId, lastMessageId: string): Promise<void> {
    return this.sentWrites.add({ id: deliveryId, messageId: lastMessageId });
  }

  private async writeSent(writes: readonly { id: Types.ObjectId; messageId: string }[]): Promise<void> {
    const at = this.now();
    await this.deliveries.bulkWrite(
      writes.map((w) => ({
        updateOne: {
          filter: { _id: w.id, status: 'pending' },
          update: { $set: { status: 'sent', sentAt: at }, $inc: { attempts: 1 }, $push: { platformMessageIds: w.messageId }, $unset: { leaseBy: 1, leaseUntil: 1 } },
        },
      })),
      { ordered: false },
    );
  }

  /** A failed attempt that will be retried. */
  async attemptFailed(deliveryId: Types.ObjectId, error: string): Promise<void> {
    await this.deliveries.updateOne({ _id: deliveryId, status: 'pending' }, { $inc: { attempts: 1 }, $set: { lastError: error.slice(0, 300) } });
  }

  /** No more attempts: listed for admins as a dead letter. */
  async dead(deliveryId: string, error: string): Promise<void> {
    await this.deliveries.updateOne({ _id: new Types.ObjectId(deliveryId), status: 'pending' }, { $set: { status: 'dead', lastError: error.slice(0, 300) }, $unset: { leaseBy: 1, leaseUntil: 1 } });
  }

  /**
   * The account cannot be written to: remember that, fail this delivery, and create the
   * delivery on the person's next reachable channel (returned, or null when none is left).
   */
  async unreachable(delivery: Delivery, error: string): Promise<Delivery | null> {
    const now = this.now();
    await identityModel(this.connection).updateOne({ _id: identityKey(delivery.channel, delivery.address) }, { $set: { unreachableSince: now } });
    await this.deliveries.updateOne({ _id: delivery._id, status: 'pending' }, { $set: { status: 'failed', lastError: error.slice(0, 300) }, $inc: { attempts: 1 } });
    const user = await userModel(this.connection).findById(delivery.userId).lean();
    const identities = await identityModel(this.connection).find({ userId: delivery.userId, provider: { $in: ['telegram', 'discord'] } }).lean();
    const addresses: Partial<Record<Channel, string>> = {};
    for (const i of identities) addresses[i.provider as Channel] = i.externalId;
    const unreachableChannels = identities.filter((i) => i.unreachableSince).map((i) => i.provider as Channel);
    const next = chooseChannel({ preferred: user?.notifications.channels ?? [], addresses, unreachable: unreachableChannels }, delivery.channel);
    if (!next) return null;
    const fallback = { noticeId: delivery.noticeId, userId: delivery.userId, ...next, status: 'pending' as const, urgent: delivery.urgent, notBefore: now };
    try {
      return (await this.deliveries.create(fallback)).toObject();
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY) return null;
      throw err;
    }
  }

  private async cancelledBroadcast(notice: Notice): Promise<boolean> {
    if (notice.type !== 'broadcast.sent') return false;
    return this.cancelled.get(String(notice.subject.id), async () => {
      const broadcast = await broadcastModel(this.connection).findById(notice.subject.id, { status: 1 }).lean();
      return broadcast?.status === 'cancelled';
    });
  }
}
