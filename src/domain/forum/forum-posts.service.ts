import { type Connection, type QueryFilter, type Types } from 'mongoose';
import { ConflictError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import type { PostingLimits } from '../moderation/posting-limits.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { paginate, type Page } from '../shared/pagination.js';
import { assertMayPost, isModerator, postNotFound } from './forum-access.js';
import { forumPostModel, type ForumPost } from './forum-post.model.js';
import { forumThreadModel, type ForumThread } from './forum-thread.model.js';
import { THREAD_OUTBOX, type ForumThreadsService } from './forum-threads.service.js';
import type { PostInput, PostListQuery } from './forum.schemas.js';

/** Replies: posting them into a thread and reading them back in order. */
export class ForumPostsService {
  constructor(
    private readonly connection: Connection,
    private readonly threads: ForumThreadsService,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
    private readonly postingLimits?: PostingLimits,
  ) {}

  private get posts() {
    return forumPostModel(this.connection);
  }

  /**
   * Replies to a thread. The post is inserted first; then ONE update of the thread bumps
   * replyCount and lastActivityAt and carries the notice. That order loses nothing: if the
   * thread update never happens (crash, or the thread was locked meanwhile), the worst case
   * is a reply that is saved but not yet counted or announced — the writer's words are kept
   * and nobody is told about a reply that does not exist. The reverse order could announce
   * (and count) a reply that was never stored, and a sent notice cannot be taken back.
   */
  async reply(actor: Actor, threadId: Types.ObjectId, input: PostInput): Promise<ForumPost> {
    await assertMayPost(this.connection, actor, this.now());
    const thread = await this.threads.get(actor, threadId);
    await this.postingLimits?.assertMayPost(actor, 'reply');
    this.assertOpen(actor, thread);
    const now = this.now();
    const post = (await this.posts.create({ threadId, authorId: actor.userId, body: input.body, createdAt: now })).toObject();
    const notice = outboxEntry(
      'forum.reply_created',
      { threadId: String(threadId), postId: String(post._id), authorId: String(actor.userId) },
      now,
    );
    const open: QueryFilter<ForumThread> = { _id: threadId, deletedAt: { $exists: false } };
    if (!isModerator(actor)) Object.assign(open, { locked: false, hidden: false });
    const updated = await forumThreadModel(this.connection)
      .findOneAndUpdate(open, { $inc: { replyCount: 1 }, $max: { lastActivityAt: now }, $push: { outbox: notice } }, { returnDocument: 'after' })
      .lean();
    if (!updated) {
      // Locked, hidden or deleted between the check and the update: the reply must not stay.
      await this.posts.deleteOne({ _id: post._id });
      this.assertOpen(actor, await this.threads.get(actor, threadId));
      throw new ConflictError('forum.thread_locked', 'This thread is locked; no new replies.');
    }
    await this.outbox.drain(THREAD_OUTBOX, threadId);
    // Writers have read what they answered, including their own reply.
    await this.threads.markSeen(actor.userId, threadId, updated.replyCount);
    return post;
  }

  /** A thread's replies, oldest first; hidden replies are listed to moderators only. */
  async list(actor: Actor | null, threadId: Types.ObjectId, query: PostListQuery): Promise<Page<ForumPost>> {
    await this.threads.get(actor, threadId);
    const filter: QueryFilter<ForumPost> = { threadId };
    if (!isModerator(actor)) filter.hidden = false;
    return paginate(this.posts, filter, { sortField: 'createdAt', direction: 1, cursor: query.cursor, limit: query.limit });
  }

  /** The post as the caller may see it (its thread must be visible too). */
  async get(actor: Actor | null, id: Types.ObjectId): Promise<ForumPost> {
    const post = await this.posts.findById(id).lean();
    if (!post || (post.hidden && !isModerator(actor))) throw postNotFound(id);
    await this.threads.get(actor, post.threadId).catch(() => {
      throw postNotFound(id);
    });
    return post;
  }

  private assertOpen(actor: Actor, thread: ForumThread): void {
    if (thread.deletedAt) throw new ConflictError('forum.deleted', 'This thread was deleted.');
    if (thread.locked && !isModerator(actor)) {
      throw new ConflictError('forum.thread_locked', 'This thread is locked; no new replies.');
    }
  }
}
