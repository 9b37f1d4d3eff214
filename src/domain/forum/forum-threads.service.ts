import { Types, type Connection, type QueryFilter } from 'mongoose';
import type { Actor } from '../auth/api-token.service.js';
import type { PostingLimits } from '../moderation/posting-limits.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import type { Page } from '../shared/pagination.js';
import { searchPage, searchTextOf } from '../shared/text-search.js';
import type { SubscriptionsService } from '../subscriptions/subscriptions.service.js';
import { userModel } from '../users/user.model.js';
import { assertMayPost, isModerator, threadNotFound } from './forum-access.js';
import type { ForumCategoriesService } from './forum-categories.service.js';
import { forumReadMarkerModel, type ForumReadMarker } from './forum-records.model.js';
import { threadPage } from './forum-thread-page.js';
import { forumThreadModel, type ForumThread } from './forum-thread.model.js';
import type { CreateThreadInput, ThreadListQuery } from './forum.schemas.js';

/** The outbox source name of forum threads. */
export const THREAD_OUTBOX = 'forum-thread';

/** A thread in a listing; signed-in callers also learn how many replies they have not read. */
export type ThreadListing = ForumThread & { unreadReplies?: number };

/** The stored search text of a thread. */
export function threadSearchText(t: Pick<ForumThread, 'title' | 'body' | 'tags'>): string {
  return searchTextOf([t.title, t.body, t.tags]);
}

/** Threads: starting them, reading them, listing and searching them, read markers. */
export class ForumThreadsService {
  constructor(
    private readonly connection: Connection,
    private readonly categories: ForumCategoriesService,
    private readonly subscriptions: SubscriptionsService,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
    private readonly postingLimits?: PostingLimits,
  ) {}

  private get threads() {
    return forumThreadModel(this.connection);
  }

  /** Starts a thread; its notice is written with it, and the author follows it. */
  async create(actor: Actor, input: CreateThreadInput): Promise<ForumThread> {
    await assertMayPost(this.connection, actor, this.now());
    await this.postingLimits?.assertMayPost(actor, 'thread');
    await this.categories.get(input.categoryId);
    const now = this.now();
    const _id = new Types.ObjectId();
    const notice = outboxEntry(
      'forum.thread_created',
      { threadId: String(_id), categoryId: String(input.categoryId), authorId: String(actor.userId), tags: input.tags },
      now,
    );
    const doc = await this.threads.create({
      ...input,
      _id,
      authorId: actor.userId,
      lastActivityAt: now,
      createdAt: now,
      searchText: threadSearchText(input),
      outbox: [notice],
    });
    await this.outbox.drain(THREAD_OUTBOX, _id);
    await this.subscriptions.follow(actor.userId, 'thread', String(_id));
    return { ...doc.toObject(), outbox: [] };
  }

  /** The thread as the caller may see it: hidden threads are missing to all but moderators. */
  async get(actor: Actor | null, id: Types.ObjectId): Promise<ForumThread> {
    const thread = await this.threads.findById(id, { outbox: 0 }).lean();
    if (!thread || (thread.hidden && !isModerator(actor))) throw threadNotFound(id);
    return thread;
  }

  /**
   * Threads by latest activity (pinned first within a category), or ranked by text score
   * then recency when `q` is given. Hidden threads are listed to moderators only.
   */
  async list(actor: Actor | null, query: ThreadListQuery): Promise<Page<ThreadListing>> {
    const filter: QueryFilter<ForumThread> = {};
    if (!isModerator(actor)) filter.hidden = false;
    if (query.categoryId) filter.categoryId = query.categoryId;
    if (query.tag) filter.tags = query.tag;
    if (query.locale) filter.locale = query.locale;
    const page = query.q
      ? await searchPage(this.threads, filter, query.q, query)
      : await threadPage(this.threads, filter, { pinnedFirst: Boolean(query.categoryId), cursor: query.cursor, limit: query.limit });
    const items = page.items.map(({ outbox: _outbox, ...thread }) => ({ ...thread, outbox: [] }));
    return { items: actor ? await this.withUnread(actor.userId, items) : items, nextCursor: page.nextCursor };
  }

  /** Marks every current reply of the thread read for the caller. */
  async markRead(actor: Actor, id: Types.ObjectId): Promise<void> {
    const thread = await this.get(actor, id);
    await this.markSeen(actor.userId, id, thread.replyCount);
  }

  /** Records that the user has seen `replies` replies; never moves a marker backwards. */
  async markSeen(userId: Types.ObjectId, threadId: Types.ObjectId, replies: number): Promise<void> {
    await forumReadMarkerModel(this.connection).updateOne(
      { userId, threadId },
      { $max: { seenReplies: replies }, $set: { readAt: this.now() } },
      { upsert: true },
    );
  }

  /** Display names of authors, for views. */
  async authorNames(ids: readonly Types.ObjectId[]): Promise<Map<string, string>> {
    const users = await userModel(this.connection).find({ _id: { $in: [...ids] } }, { displayName: 1 }).lean();
    return new Map(users.map((u) => [String(u._id), u.displayName]));
  }

  /**
   * How many replies of each thread the user has not read (its replyCount past their read
   * marker), in the threads' order: one small query by thread ids. Use it to add a reader's
   * own counts to a page that is the same for everyone.
   */
  async unreadReplies(userId: Types.ObjectId, threads: readonly { _id: Types.ObjectId; replyCount: number }[]): Promise<number[]> {
    if (threads.length === 0) return [];
    // The driver's collection, not a mongoose query: this runs on every signed-in listing, and
    // mongoose's query building and casting cost more than the lookup itself.
    const markers = await forumReadMarkerModel(this.connection)
      .collection.find<Pick<ForumReadMarker, 'threadId' | 'seenReplies'>>(
        { userId, threadId: { $in: threads.map((t) => t._id) } },
        { projection: { _id: 0, threadId: 1, seenReplies: 1 } },
      )
      .toArray();
    const seen = new Map(markers.map((m) => [String(m.threadId), m.seenReplies]));
    return threads.map((t) => Math.max(0, t.replyCount - (seen.get(String(t._id)) ?? 0)));
  }

  private async withUnread(userId: Types.ObjectId, threads: ForumThread[]): Promise<ThreadListing[]> {
    const unread = await this.unreadReplies(userId, threads);
    return threads.map((t, i) => ({ ...t, unreadReplies: unread[i] ?? 0 }));
  }
}
