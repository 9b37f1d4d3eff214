import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { reactionCountsDefinition, type ReactionCounts } from './forum-reactions.js';
import { MAX_FORUM_BODY } from './forum-thread.model.js';

/** A reply in a thread. */
export interface ForumPost {
  _id: Types.ObjectId;
  threadId: Types.ObjectId;
  authorId: Types.ObjectId;
  body: string;
  hidden: boolean;
  deletedAt?: Date;
  editedAt?: Date;
  revision: number;
  reactions: ReactionCounts;
  createdAt: Date;
  updatedAt: Date;
}

const postSchema = new Schema<ForumPost>(
  {
    threadId: { type: Schema.Types.ObjectId, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true, index: true },
    body: { type: String, required: true, maxlength: MAX_FORUM_BODY },
    hidden: { type: Boolean, default: false },
    deletedAt: Date,
    editedAt: Date,
    revision: { type: Number, default: 0 },
    reactions: reactionCountsDefinition,
  },
  { timestamps: true, minimize: false },
);
postSchema.index({ threadId: 1, createdAt: 1, _id: 1 });

/** The forum posts collection on this connection. */
export function forumPostModel(connection: Connection): Model<ForumPost> {
  return (
    (connection.models.ForumPost as Model<ForumPost> | undefined) ??
    connection.model<ForumPost>('ForumPost', postSchema, 'forum_posts')
  );
}
