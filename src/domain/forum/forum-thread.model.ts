import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from '../notices/notice.model.js';
import { outboxFlagPlugin } from '../notices/outbox-flag.js';
import { reactionCountsDefinition, type ReactionCounts } from './forum-reactions.js';

export const FORUM_LOCALES = ['vi', 'en'] as const;
export type ForumLocale = (typeof FORUM_LOCALES)[number];

/** Longest thread or post body, in characters of markdown. */
export const MAX_FORUM_BODY = 20_000;

/** A discussion started by a member in one category. */
export interface ForumThread {
  _id: Types.ObjectId;
  categoryId: Types.ObjectId;
  authorId: Types.ObjectId;
  title: string;
  body: string;
  tags: string[];
  locale: ForumLocale;
  replyCount: number;
  /** Creation or the latest reply: what the listing sorts by. */
  lastActivityAt: Date;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  deletedAt?: Date;
  editedAt?: Date;
  /** Bumped by every edit; the edit history keeps each earlier revision. */
  revision: number;
  reactions: ReactionCounts;
  /** Folded title, body and tags for diacritic-insensitive search; emptied on delete. */
  searchText: string;
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const threadSchema = new Schema<ForumThread>(
  {
    categoryId: { type: Schema.Types.ObjectId, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true, index: true },
    title: { type: String, required: true, maxlength: 200 },
    body: { type: String, required: true, maxlength: MAX_FORUM_BODY },
    tags: { type: [String], default: [], index: true },
    locale: { type: String, enum: FORUM_LOCALES, required: true },
    replyCount: { type: Number, default: 0 },
    lastActivityAt: { type: Date, required: true },
    pinned: { type: Boolean, default: false },
    locked: { type: Boolean, default: false },
    hidden: { type: Boolean, default: false },
    deletedAt: Date,
    editedAt: Date,
    revision: { type: Number, default: 0 },
    reactions: reactionCountsDefinition,
    searchText: { type: String, default: '' },
  },
  { timestamps: true, minimize: false },
);
threadSchema.plugin(outboxFlagPlugin);
// Category pages: pinned first, then latest activity; the global listing skips `pinned`.
threadSchema.index({ categoryId: 1, pinned: -1, lastActivityAt: -1, _id: -1 });
threadSchema.index({ lastActivityAt: -1, _id: -1 });
threadSchema.index({ searchText: 'text' }, { default_language: 'none', name: 'forum_thread_text' });

/** The forum threads collection on this connection. */
export function forumThreadModel(connection: Connection): Model<ForumThread> {
  return (
    (connection.models.ForumThread as Model<ForumThread> | undefined) ??
    connection.model<ForumThread>('ForumThread', threadSchema, 'forum_threads')
  );
}
