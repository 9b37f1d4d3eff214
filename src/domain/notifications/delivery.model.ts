import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { CHANNELS, type Channel } from '../users/user.model.js';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'dead', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One notice to one person on one channel: the source of truth for what was delivered.
 * The unique (noticeId, userId, channel) index is the idempotency key — fanning a notice
 * out twice creates nothing new.
 */
export interface Delivery {
  _id: Types.ObjectId;
  noticeId: string;
  /** The reader; for a post in a group or server channel (`space`), the announcement space's id. */
  userId: Types.ObjectId;
  /** A post in a group or server channel rather than to one person. */
  space?: boolean;
  channel: Channel;
  /** The platform address: Telegram chat id, Discord user id, or `channel:<id>` for a Discord server channel. */
  address: string;
  status: DeliveryStatus;
  urgent: boolean;
  /** Not before this moment (quiet hours, scheduled broadcasts). */
  notBefore: Date;
  attempts: number;
  lastError?: string;
  platformMessageIds: string[];
  sentAt?: Date;
  /** The deliver job that carries it (one job sends a batch of a notice's deliveries). */
  batch?: string;
  /** A worker is sending it until then; nobody else may (see DeliveryRecords.claim). */
  leaseUntil?: Date;
  leaseBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

const deliverySchema = new Schema<Delivery>(
  {
    noticeId: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    space: Boolean,
    channel: { type: String, enum: CHANNELS, required: true },
    address: { type: String, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, default: 'pending' },
    urgent: { type: Boolean, default: false },
    notBefore: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
    lastError: String,
    platformMessageIds: { type: [String], default: [] },
    sentAt: Date,
    batch: String,
    leaseUntil: Date,
    leaseBy: String,
  },
  { timestamps: true },
);
deliverySchema.index({ noticeId: 1, userId: 1, channel: 1 }, { unique: true });
deliverySchema.index({ status: 1, notBefore: 1 });
deliverySchema.index({ userId: 1, createdAt: -1 });

/** The deliveries collection on this connection. */
export function deliveryModel(connection: Connection): Model<Delivery> {
  return (
    (connection.models.Delivery as Model<Delivery> | undefined) ??
    connection.model<Delivery>('Delivery', deliverySchema)
  );
}
