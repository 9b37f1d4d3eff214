import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from '../notices/notice.model.js';
import { outboxFlagPlugin } from '../notices/outbox-flag.js';

export const INTRODUCTION_STATUSES = ['requested', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];
export const INTRODUCTION_TTL_DAYS = 14;

/**
 * A double opt-in introduction between an expert and a firm about one request. Contacts
 * are shown to either side only once the other side has accepted.
 */
export interface Introduction {
  _id: Types.ObjectId;
  requestId: Types.ObjectId;
  firmId: Types.ObjectId;
  expertId: Types.ObjectId;
  expertUserId: Types.ObjectId;
  initiator: 'expert' | 'firm';
  initiatedBy: Types.ObjectId;
  message?: string;
  status: IntroductionStatus;
  expiresAt: Date;
  respondedAt?: Date;
  respondedBy?: Types.ObjectId;
  /** "requestId:expertId" while requested or accepted, so one pair has one live introduction. */
  activeKey?: string;
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const introductionSchema = new Schema<Introduction>(
  {
    requestId: { type: Schema.Types.ObjectId, required: true, index: true },
    firmId: { type: Schema.Types.ObjectId, required: true, index: true },
    expertId: { type: Schema.Types.ObjectId, required: true },
    expertUserId: { type: Schema.Types.ObjectId, required: true, index: true },
    initiator: { type: String, enum: ['expert', 'firm'], required: true },
    initiatedBy: { type: Schema.Types.ObjectId, required: true },
    message: { type: String, maxlength: 1000 },
    status: { type: String, enum: INTRODUCTION_STATUSES, default: 'requested' },
    expiresAt: { type: Date, required: true },
    respondedAt: Date,
    respondedBy: Schema.Types.ObjectId,
    activeKey: { type: String },
  },
  { timestamps: true, minimize: false },
);
introductionSchema.plugin(outboxFlagPlugin);
introductionSchema.index({ activeKey: 1 }, { unique: true, sparse: true });
introductionSchema.index({ status: 1, expiresAt: 1 });

/** The introductions collection on this connection. */
export function introductionModel(connection: Connection): Model<Introduction> {
  return (
    (connection.models.Introduction as Model<Introduction> | undefined) ??
    connection.model<Introduction>('Introduction', introductionSchema)
  );
}
