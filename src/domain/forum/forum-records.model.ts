import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { REACTION_KINDS, type ReactionKind } from './forum-reactions.js';

export const FORUM_TARGETS = ['thread', 'post'] as const;
export type ForumTarget = (typeof FORUM_TARGETS)[number];

/** One person's reaction of one kind; its unique key makes double-clicks count once. */
export interface ForumReaction {
  _id: Types.ObjectId;
  target: ForumTarget;
  targetId: Types.ObjectId;
  userId: Types.ObjectId;
  kind: ReactionKind;
  createdAt: Date;
}

/** An earlier version of a thread or post, kept when it is edited. */
export interface ForumRevision {
  _id: Types.ObjectId;
  target: ForumTarget;
  targetId: Types.ObjectId;
  /** The revision number the content had before the edit. */
  revision: number;
  title?: string;
  body: string;
  tags?: string[];
  /** When this content was written (creation or the edit before). */
  writtenAt: Date;
  /** Who replaced it, and when. */
  replacedBy: Types.ObjectId;
  replacedAt: Date;
}

/** How many replies of a thread a person had seen when they last read it. */
export interface ForumReadMarker {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  threadId: Types.ObjectId;
  seenReplies: number;
  readAt: Date;
}

const reactionSchema = new Schema<ForumReaction>(
  {
    target: { type: String, enum: FORUM_TARGETS, required: true },
    targetId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: REACTION_KINDS, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
reactionSchema.index({ targetId: 1, userId: 1, kind: 1 }, { unique: true });
reactionSchema.index({ userId: 1 });

const revisionSchema = new Schema<ForumRevision>(
  {
    target: { type: String, enum: FORUM_TARGETS, required: true },
    targetId: { type: Schema.Types.ObjectId, required: true },
    revision: { type: Number, required: true },
    title: String,
    body: { type: String, required: true },
    tags: { type: [String], default: undefined },
    writtenAt: { type: Date, required: true },
    replacedBy: { type: Schema.Types.ObjectId, required: true },
    replacedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// One document per (target, revision): two editors racing save the same old content once.
revisionSchema.index({ targetId: 1, revision: 1 }, { unique: true });

const readMarkerSchema = new Schema<ForumReadMarker>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    threadId: { type: Schema.Types.ObjectId, required: true },
    seenReplies: { type: Number, default: 0 },
    readAt: { type: Date, required: true },
  },
  { versionKey: false },
);
readMarkerSchema.index({ userId: 1, threadId: 1 }, { unique: true });

/** Reactions on this connection. */
export function forumReactionModel(connection: Connection): Model<ForumReaction> {
  return (
    (connection.models.ForumReaction as Model<ForumReaction> | undefined) ??
    connection.model<ForumReaction>('ForumReaction', reactionSchema, 'forum_reactions')
  );
}

/** Edit history on this connection. */
export function forumRevisionModel(connection: Connection): Model<ForumRevision> {
  return (
    (connection.models.ForumRevision as Model<ForumRevision> | undefined) ??
    connection.model<ForumRevision>('ForumRevision', revisionSchema, 'forum_revisions')
  );
}

/** Read markers on this connection. */
export function forumReadMarkerModel(connection: Connection): Model<ForumReadMarker> {
  return (
    (connection.models.ForumReadMarker as Model<ForumReadMarker> | undefined) ??
    connection.model<ForumReadMarker>('ForumReadMarker', readMarkerSchema, 'forum_read_markers')
  );
}
