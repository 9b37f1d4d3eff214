import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from '../notices/notice.model.js';
import { outboxFlagPlugin } from '../notices/outbox-flag.js';

/** One person's weekly digest: what it listed, for the local date it went out on. */
export interface Digest {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** The recipient's local date of their digest day, "2026-11-23": one digest per person and date. */
  localDate: string;
  requestIds: Types.ObjectId[];
  eventIds: Types.ObjectId[];
  threadIds: Types.ObjectId[];
  outbox: OutboxEntry[];
  createdAt: Date;
}

const digestSchema = new Schema<Digest>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    localDate: { type: String, required: true },
    requestIds: { type: [Schema.Types.ObjectId], default: [] },
    eventIds: { type: [Schema.Types.ObjectId], default: [] },
    threadIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
digestSchema.plugin(outboxFlagPlugin);
// The idempotency key: however often the schedule runs, one digest per person and date.
digestSchema.index({ userId: 1, localDate: 1 }, { unique: true });

/** The digests collection on this connection. */
export function digestModel(connection: Connection): Model<Digest> {
  return (connection.models.Digest as Model<Digest> | undefined) ?? connection.model<Digest>('Digest', digestSchema);
}
