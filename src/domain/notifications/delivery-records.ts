import { Types, type Connection } from 'mongoose';
import { broadcastModel } from '../broadcasts/broadcast.model.js';
import { noticeModel, type Notice } from '../notices/notice.model.js';
import { identityKey, identityModel } from '../users/identity.model.js';
import { userModel, type Channel } from '../users/user.model.js';
import { isBanned } from '../users/ban-state.js';
import { announcementSpaceModel } from './announcement-space.model.js';
import { chooseChannel } from './choose-channel.js';
import { ShortCache } from './short-cache.js';
import { deliveryModel, type Delivery } from './delivery.model.js';
import type { Reader } from './render-notice.js';

/** What a deliver job needs to send: the delivery, its notice and its reader. */
export interface DeliveryToSend {
  delivery: Delivery;
  notice: Notice;
  reader: Reader;
}

const DUPLICATE_KEY = 11000;

/** The delivery record as the deliver workers move it: sent, unreachable with fallback, dead. */
export class DeliveryRecords {
  // Notices never change once written, and a cancelled broadcast's held deliveries are
  // marked cancelled themselves: both may be read once per moment for a whole fan-out.
  private readonly notices = new ShortCache<Notice | null>(2_000);
  private readonly cancelled = new ShortCache<boolean>(2_000);

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

  /** The delivery if it is still to be sent; null (and cancelled when it should not go) otherwise. */
  async load(deliveryId: string): Promise<DeliveryToSend | null> {
    const delivery = await this.deliveries.findById(deliveryId).lean();
    if (!delivery || delivery.status !== 'pending') return null;
    if (delivery.space) return this.loadSpacePost(delivery);
    const [notice, user] = await Promise.all([this.notice(delivery.noticeId), userModel(this.connection).findById(delivery.userId).lean()]);
    const stale = !notice || !user || isBanned(user, this.now()) || user.mergedInto !== undefined || (await this.cancelledBroadcast(notice));
    if (stale) {
      await this.deliveries.updateOne({ _id: delivery._id, status: 'pending' }, { $set: { status: 'cancelled' } });
      return null;
    }
    return { delivery, notice, reader: { locale: user.locale, timezone: user.timezone } };
  }

  /** A post in a group or server channel: written in the language its admins chose; dropped if they stopped announcements. */
  private async loadSpacePost(delivery: Delivery): Promise<DeliveryToSend | null> {
    const [notice, space] = await Promise.all([
      this.notice(delivery.noticeId),
      announcementSpaceModel(this.connection).findById(delivery.userId).lean(),
    ]);
    if (!notice || !space || (await this.cancelledBroadcast(notice))) {
      await this.deliveries.updateOne({ _id: delivery._id, status: 'pending' }, { $set: { status: 'cancelled' } });
      return null;
    }
    return { delivery, notice, reader: { locale: space.locale, timezone: space.timezone } };
  }

  /** Records one accepted part, so a retry continues after it. */
  async partSent(deliveryId: Types.ObjectId, messageId: string): Promise<void> {
    await this.deliveries.updateOne({ _id: deliveryId }, { $push: { platformMessageIds: messageId } });
  }

  /** The last part was accepted: the delivery is done. */
  async sent(deliveryId: Types.ObjectId, lastMessageId: string): Promise<void> {
    await this.deliveries.updateOne(
      { _id: deliveryId, status: 'pending' },
      { $set: { status: 'sent', sentAt: this.now() }, $inc: { attempts: 1 }, $push: { platformMessageIds: lastMessageId } },
    );
  }

  /** A failed attempt that will be retried. */
  async attemptFailed(deliveryId: Types.ObjectId, error: string): Promise<void> {
    await this.deliveries.updateOne({ _id: deliveryId, status: 'pending' }, { $inc: { attempts: 1 }, $set: { lastError: error.slice(0, 300) } });
  }

  /** No more attempts: listed for admins as a dead letter. */
  async dead(deliveryId: string, error: string): Promise<void> {
    await this.deliveries.updateOne({ _id: new Types.ObjectId(deliveryId), status: 'pending' }, { $set: { status: 'dead', lastError: error.slice(0, 300) } });
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
