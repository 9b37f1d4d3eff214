import type { Connection, Types } from 'mongoose';
import { forumRevisionModel, type ForumRevision, type ForumTarget } from './forum-records.model.js';

/** The editable part of a thread or post, as it was before an edit. */
export interface EditedContent {
  _id: Types.ObjectId;
  revision: number;
  title?: string;
  body: string;
  tags?: string[];
  createdAt: Date;
  editedAt?: Date | undefined;
}

/**
 * Keeps the content an edit is about to replace. Upserted by (target, revision): the old
 * content of revision n is the same whoever saves it, so a retry after a crash, or two
 * editors racing, store it once; the edit itself then wins only against revision n.
 */
export async function keepRevision(
  connection: Connection,
  target: ForumTarget,
  current: EditedContent,
  editor: Types.ObjectId,
  now: Date,
): Promise<void> {
  await forumRevisionModel(connection).updateOne(
    { targetId: current._id, revision: current.revision },
    {
      $setOnInsert: {
        target,
        body: current.body,
        ...(current.title !== undefined ? { title: current.title } : {}),
        ...(current.tags !== undefined ? { tags: current.tags } : {}),
        writtenAt: current.editedAt ?? current.createdAt,
        replacedBy: editor,
        replacedAt: now,
      },
    },
    { upsert: true },
  );
}

/** Earlier versions of a thread or post, newest first. */
export async function revisionsOf(connection: Connection, targetId: Types.ObjectId): Promise<ForumRevision[]> {
  return forumRevisionModel(connection).find({ targetId }).sort({ revision: -1 }).limit(200).lean();
}
