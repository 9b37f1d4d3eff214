import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'misinformation', 'illegal', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FLAG_TARGETS = ['thread', 'post'] as const;
export type FlagTarget = (typeof FLAG_TARGETS)[number];

/** One member's report that a thread or reply breaks the rules. A member flags an item once. */
export interface Flag {
  _id: Types.ObjectId;
  targetType: FlagTarget;
  targetId: Types.ObjectId;
  reporterId: Types.ObjectId;
  reason: FlagReason;
  note?: string;
  createdAt: Date;
}

const flagSchema = new Schema<Flag>(
  {
    targetType: { type: String, enum: FLAG_TARGETS, required: true },
    targetId: { type: Schema.Types.ObjectId, required: true },
    reporterId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, enum: FLAG_REASONS, required: true },
    note: { type: String, maxlength: 500 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
flagSchema.index({ targetType: 1, targetId: 1, reporterId: 1 }, { unique: true });
flagSchema.index({ targetId: 1, createdAt: -1 });

/** The flags collection on this connection. */
export function flagModel(connection: Connection): Model<Flag> {
  return (connection.models.Flag as Model<Flag> | undefined) ?? connection.model<Flag>('Flag', flagSchema, 'moderation_flags');
}

/**
 * The moderators' view of one flagged item: how many flags are open since it was last
 * decided, why, and the decision. One per item, so deciding it is one atomic write and two
 * moderators deciding at once cannot both win.
 */
export interface ModerationCase {
  /** The flagged item's own id (ObjectIds are unique across threads and posts). */
  _id: Types.ObjectId;
  targetType: FlagTarget;
  /** The thread the item is in (itself for a thread). */
  threadId: Types.ObjectId;
  status: 'open' | 'resolved';
  /** Flags since the case (re)opened. */
  openFlags: number;
  reasons: Partial<Record<FlagReason, number>>;
  openedAt: Date;
  lastFlaggedAt: Date;
  /** Set when enough flags hid the item before any moderator looked. */
  autoHidden: boolean;
  decision?: 'hide' | 'keep';
  decidedBy?: Types.ObjectId;
  decidedAt?: Date;
}

const caseSchema = new Schema<ModerationCase>(
  {
    targetType: { type: String, enum: FLAG_TARGETS, required: true },
    threadId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['open', 'resolved'], required: true },
    openFlags: { type: Number, default: 0 },
    reasons: { type: Schema.Types.Mixed, default: {} },
    openedAt: { type: Date, required: true },
    lastFlaggedAt: { type: Date, required: true },
    autoHidden: { type: Boolean, default: false },
    decision: { type: String, enum: ['hide', 'keep'] },
    decidedBy: Schema.Types.ObjectId,
    decidedAt: Date,
  },
  { versionKey: false, minimize: false },
);
// The queue: open cases, oldest first.
caseSchema.index({ status: 1, openedAt: 1, _id: 1 });

/** The moderation cases collection on this connection. */
export function moderationCaseModel(connection: Connection): Model<ModerationCase> {
  return (
    (connection.models.ModerationCase as Model<ModerationCase> | undefined) ??
    connection.model<ModerationCase>('ModerationCase', caseSchema, 'moderation_cases')
  );
}
