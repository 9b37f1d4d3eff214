import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { ProjectOwner } from './project.model.js';

export const INTEREST_STATUSES = ['requested', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export type InterestStatus = (typeof INTEREST_STATUSES)[number];
/** Unanswered interest lapses after this many days, as introductions do. */
export const INTEREST_TTL_DAYS = 14;

/**
 * Someone's interest in an investment project: the same double opt-in as introductions.
 * The owner side answers; contacts are shown to both only once it accepted.
 */
export interface ProjectInterest {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  /** Copied from the project, so "who answers" does not change if the project is edited. */
  owner: ProjectOwner;
  requesterUserId: Types.ObjectId;
  message?: string;
  status: InterestStatus;
  expiresAt: Date;
  respondedAt?: Date;
  respondedBy?: Types.ObjectId;
  /** "projectId:userId" while requested or accepted: one live interest per person and project. */
  activeKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

const interestSchema = new Schema<ProjectInterest>(
  {
    projectId: { type: Schema.Types.ObjectId, required: true, index: true },
    owner: {
      kind: { type: String, enum: ['firm', 'programme'], required: true },
      firmId: { type: Schema.Types.ObjectId },
    },
    requesterUserId: { type: Schema.Types.ObjectId, required: true, index: true },
    message: { type: String, maxlength: 1000 },
    status: { type: String, enum: INTEREST_STATUSES, default: 'requested' },
    expiresAt: { type: Date, required: true },
    respondedAt: Date,
    respondedBy: Schema.Types.ObjectId,
    activeKey: String,
  },
  { timestamps: true, minimize: false },
);
interestSchema.index({ activeKey: 1 }, { unique: true, sparse: true });
interestSchema.index({ status: 1, expiresAt: 1 });
interestSchema.index({ 'owner.firmId': 1, createdAt: -1 });

/** The project interests collection on this connection. */
export function projectInterestModel(connection: Connection): Model<ProjectInterest> {
  return (
    (connection.models.ProjectInterest as Model<ProjectInterest> | undefined) ??
    connection.model<ProjectInterest>('ProjectInterest', interestSchema, 'catalog_interests')
  );
}
