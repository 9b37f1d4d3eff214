import type { Connection, Types } from 'mongoose';
import { ConflictError, ForbiddenError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import {
  assertAuthorOrModerator,
  assertMayEdit,
  assertMayPost,
  isModerator,
  postNotFound,
  threadNotFound,
} from './forum-access.js';
import type { AuditLog } from '../moderation/audit-log.service.js';
import type { ForumCategoriesService } from './forum-categories.service.js';
import { keepRevision, revisionsOf } from './forum-history.js';
import { forumPostModel, type ForumPost } from './forum-post.model.js';
import type { ForumPostsService } from './forum-posts.service.js';
import type { ForumRevision } from './forum-records.model.js';
import { forumThreadModel, type ForumThread } from './forum-thread.model.js';
import { threadSearchText, type ForumThreadsService } from './forum-threads.service.js';
import type { EditThreadInput, PostInput, ThreadModerationInput } from './forum.schemas.js';

function assertModerator(actor: Actor): void {
  if (!isModerator(actor)) throw new ForbiddenError('auth.forbidden', 'Only moderators may do this.');
}

function editedMeanwhile(): ConflictError {
  return new ConflictError('forum.edit_conflict', 'Someone else changed this meanwhile; reload and try again.');
}

/** Changing what was written: edits with history, soft deletes, and moderators' switches. */
export class ForumEditingService {
  constructor(
    private readonly connection: Connection,
    private readonly categories: ForumCategoriesService,
    private readonly threads: ForumThreadsService,
    private readonly posts: ForumPostsService,
    private readonly now: () => Date = () => new Date(),
    private readonly audit?: AuditLog,
  ) {}

  /** Edits a thread (author within the edit window, moderators always); the old text goes to history. */
  async editThread(actor: Actor, id: Types.ObjectId, change: EditThreadInput): Promise<ForumThread> {
    const current = await this.threads.get(actor, id);
    await this.assertMayEditNow(actor, current);
    const now = this.now();
    await keepRevision(this.connection, 'thread', current, actor.userId, now);
    const next = { ...current, ...change };
    const updated = await forumThreadModel(this.connection)
      .findOneAndUpdate(
        { _id: id, revision: current.revision, deletedAt: { $exists: false } },
        { $set: { ...change, editedAt: now, searchText: threadSearchText(next) }, $inc: { revision: 1 } },
        // No projection here: the embedded server re-applies the filter when projecting and
        // would answer null once `revision` moved; callers never see the outbox anyway.
        { returnDocument: 'after' },
      )
      .lean();
    if (!updated) throw editedMeanwhile();
    await this.auditIfNotAuthor(actor, current, 'thread.edited', 'thread', { fields: Object.keys(change) });
    return { ...updated, outbox: [] };
  }

  /** Edits a reply, under the same rules as threads. */
  async editPost(actor: Actor, id: Types.ObjectId, change: PostInput): Promise<ForumPost> {
    const current = await this.posts.get(actor, id);
    await this.assertMayEditNow(actor, current);
    const now = this.now();
    await keepRevision(this.connection, 'post', current, actor.userId, now);
    const updated = await forumPostModel(this.connection)
      .findOneAndUpdate(
        { _id: id, revision: current.revision, deletedAt: { $exists: false } },
        { $set: { body: change.body, editedAt: now }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!updated) throw editedMeanwhile();
    await this.auditIfNotAuthor(actor, current, 'post.edited', 'post');
    return updated;
  }

  /**
   * Soft-deletes a thread (author or moderator): it stays listed and counted, its words
   * are replaced by a placeholder in views and it no longer matches searches.
   */
  async deleteThread(actor: Actor, id: Types.ObjectId): Promise<void> {
    const thread = await this.threads.get(actor, id);
    assertAuthorOrModerator(actor, thread);
    await forumThreadModel(this.connection).updateOne(
      { _id: id, deletedAt: { $exists: false } },
      { $set: { deletedAt: this.now(), searchText: '' } },
    );
    await this.auditIfNotAuthor(actor, thread, 'thread.deleted', 'thread');
  }

  /** Soft-deletes a reply (author or moderator); the thread's reply count keeps it. */
  async deletePost(actor: Actor, id: Types.ObjectId): Promise<void> {
    const post = await this.posts.get(actor, id);
    assertAuthorOrModerator(actor, post);
    await forumPostModel(this.connection).updateOne({ _id: id, deletedAt: { $exists: false } }, { $set: { deletedAt: this.now() } });
    await this.auditIfNotAuthor(actor, post, 'post.deleted', 'post');
  }

  /** Earlier versions of a thread, for its author and moderators. */
  async threadHistory(actor: Actor, id: Types.ObjectId): Promise<ForumRevision[]> {
    assertAuthorOrModerator(actor, await this.threads.get(actor, id));
    return revisionsOf(this.connection, id);
  }

  /** Earlier versions of a reply, for its author and moderators. */
  async postHistory(actor: Actor, id: Types.ObjectId): Promise<ForumRevision[]> {
    assertAuthorOrModerator(actor, await this.posts.get(actor, id));
    return revisionsOf(this.connection, id);
  }

  /** Pins, locks, hides or moves a thread. Moderators only. */
  async moderateThread(actor: Actor, id: Types.ObjectId, change: ThreadModerationInput): Promise<ForumThread> {
    assertModerator(actor);
    if (change.categoryId) await this.categories.get(change.categoryId);
    const updated = await forumThreadModel(this.connection)
      .findByIdAndUpdate(id, { $set: change }, { returnDocument: 'after' })
      .lean();
    if (!updated) throw threadNotFound(id);
    await this.audit?.record(actor, 'thread.moderated', { type: 'thread', id }, { ...change, ...(change.categoryId ? { categoryId: String(change.categoryId) } : {}) });
    return { ...updated, outbox: [] };
  }

  /** Hides or shows a reply. Moderators only. */
  async moderatePost(actor: Actor, id: Types.ObjectId, hidden: boolean): Promise<ForumPost> {
    assertModerator(actor);
    const updated = await forumPostModel(this.connection).findByIdAndUpdate(id, { $set: { hidden } }, { returnDocument: 'after' }).lean();
    if (!updated) throw postNotFound(id);
    await this.audit?.record(actor, 'post.moderated', { type: 'post', id }, { hidden });
    return updated;
  }

  /** A moderator changing someone else's words is a moderator action, and audited. */
  private async auditIfNotAuthor(
    actor: Actor,
    item: { _id: Types.ObjectId; authorId: Types.ObjectId },
    action: 'thread.edited' | 'post.edited' | 'thread.deleted' | 'post.deleted',
    type: 'thread' | 'post',
    details: Record<string, unknown> = {},
  ): Promise<void> {
    if (item.authorId.equals(actor.userId)) return;
    await this.audit?.record(actor, action, { type, id: item._id }, { authorId: String(item.authorId), ...details });
  }

  private async assertMayEditNow(actor: Actor, item: Parameters<typeof assertMayEdit>[1]): Promise<void> {
    assertMayEdit(actor, item, this.now());
    await assertMayPost(this.connection, actor);
  }
}
