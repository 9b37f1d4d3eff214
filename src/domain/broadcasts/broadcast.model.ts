import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from '../notices/notice.model.js';
import { outboxFlagPlugin } from '../notices/outbox-flag.js';

export const BROADCAST_AUDIENCES = ['everyone', 'experts', 'firm_members', 'organisers'] as const;
export type BroadcastAudience = (typeof BROADCAST_AUDIENCES)[number];
export const BROADCAST_STATUSES = ['scheduled', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** Who a broadcast is for: a kind of person, narrowed by country, skill and language (all optional). */
export interface BroadcastSegment {
  audience: BroadcastAudience;
  /** Experts living in one of these countries (ISO codes). */
  countries: string[];
  /** Experts with at least one of these skills (normalised tags). */
  skills: string[];
  /** People who read the service in one of these languages; empty = both. */
  locales: ('vi' | 'en')[];
}

/** An organiser's message to a segment, sent now or at a time, in Vietnamese and/or English. */
export interface Broadcast {
  _id: Types.ObjectId;
  createdBy: Types.ObjectId;
  segment: BroadcastSegment;
  text: { vi?: string; en?: string };
  link?: { kind: 'event' | 'request'; id: Types.ObjectId };
  sendAt: Date;
  status: BroadcastStatus;
  cancelledAt?: Date;
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const broadcastSchema = new Schema<Broadcast>(
  {
    createdBy: { type: Schema.Types.ObjectId, required: true },
    segment: {
      audience: { type: String, enum: BROADCAST_AUDIENCES, required: true },
      countries: { type: [String], default: [] },
      skills: { type: [String], default: [] },
      locales: { type: [String], default: [] },
    },
    text: { vi: String, en: String },
    link: { type: { kind: { type: String, enum: ['event', 'request'] }, id: Schema.Types.ObjectId }, required: false },
    sendAt: { type: Date, required: true },
    status: { type: String, enum: BROADCAST_STATUSES, default: 'scheduled' },
    cancelledAt: Date,
  },
  { timestamps: true, minimize: false },
);
broadcastSchema.plugin(outboxFlagPlugin);
broadcastSchema.index({ createdAt: -1, _id: -1 });

/** The broadcasts collection on this connection. */
export function broadcastModel(connection: Connection): Model<Broadcast> {
  return (connection.models.Broadcast as Model<Broadcast> | undefined) ?? connection.model<Broadcast>('Broadcast', broadcastSchema);
}
