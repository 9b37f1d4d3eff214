import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** Everything a moderator or admin can do that changes what others see or may do. */
export const AUDIT_ACTIONS = [
  'thread.moderated',
  'post.moderated',
  'thread.edited',
  'post.edited',
  'thread.deleted',
  'post.deleted',
  'content.auto_hidden',
  'flags.resolved',
  'user.banned',
  'user.unbanned',
  'user.roles_set',
  'firm.verified',
  'firm.unverified',
  'category.created',
  'category.updated',
  'delivery.retried',
  'user.merged',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGETS = ['thread', 'post', 'user', 'firm', 'category', 'delivery'] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

/** One moderator or admin action; append-only. `actorId` is absent when the system acted (auto-hide). */
export interface AuditEntry {
  _id: Types.ObjectId;
  actorId?: Types.ObjectId;
  action: AuditAction;
  targetType: AuditTarget;
  targetId: string;
  /** What changed, small and flat: the switches set, the reason given, the ban's end. */
  details: Record<string, unknown>;
  at: Date;
}

const auditSchema = new Schema<AuditEntry>(
  {
    actorId: { type: Schema.Types.ObjectId },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    targetType: { type: String, enum: AUDIT_TARGETS, required: true },
    targetId: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
    at: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
// Newest first, optionally narrowed to one actor, one action or one target.
auditSchema.index({ at: -1, _id: -1 });
auditSchema.index({ actorId: 1, at: -1, _id: -1 });
auditSchema.index({ targetId: 1, at: -1, _id: -1 });

/** The audit log collection on this connection. */
export function auditEntryModel(connection: Connection): Model<AuditEntry> {
  return (connection.models.AuditEntry as Model<AuditEntry> | undefined) ?? connection.model<AuditEntry>('AuditEntry', auditSchema, 'audit_log');
}
