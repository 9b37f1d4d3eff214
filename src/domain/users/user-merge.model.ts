import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { MERGE_STEPS, type MergeStepName } from '../account-merge-plan.js';

/**
 * The record of one merge of two accounts: which steps have finished, so an interrupted
 * merge is resumed where it stopped. Its _id is the merged-away user: an account is merged
 * away once, and two runs starting the same merge meet on the unique _id.
 */
export interface UserMergeRecord {
  _id: Types.ObjectId;
  into: Types.ObjectId;
  status: 'running' | 'done';
  done: MergeStepName[];
  startedAt: Date;
  finishedAt?: Date;
  /** A run holds the merge until then; another run may take it over afterwards (a crashed process). */
  leaseUntil?: Date;
  leaseBy?: string;
}

const userMergeSchema = new Schema<UserMergeRecord>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    into: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['running', 'done'], required: true },
    done: { type: [String], enum: MERGE_STEPS, default: [] },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    leaseUntil: Date,
    leaseBy: String,
  },
  { versionKey: false },
);
userMergeSchema.index({ status: 1, leaseUntil: 1 });

/** The user_merges collection on this connection. */
export function userMergeModel(connection: Connection): Model<UserMergeRecord> {
  return (
    (connection.models.UserMerge as Model<UserMergeRecord> | undefined) ??
    connection.model<UserMergeRecord>('UserMerge', userMergeSchema, 'user_merges')
  );
}
