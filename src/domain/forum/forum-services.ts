import type { Connection } from 'mongoose';
import type { AuditLog } from '../moderation/audit-log.service.js';
import type { PostingLimits } from '../moderation/posting-limits.js';
import type { Outbox } from '../notices/outbox.js';
import { subscriptionModel } from '../subscriptions/subscription.model.js';
import type { SubscriptionsService } from '../subscriptions/subscriptions.service.js';
import { ForumCategoriesService } from './forum-categories.service.js';
import { forumCategoryModel } from './forum-category.model.js';
import { ForumEditingService } from './forum-editing.service.js';
import { forumPostModel } from './forum-post.model.js';
import { ForumPostsService } from './forum-posts.service.js';
import { ForumReactionsService } from './forum-reactions.service.js';
import { forumReactionModel, forumReadMarkerModel, forumRevisionModel } from './forum-records.model.js';
import { forumThreadModel } from './forum-thread.model.js';
import { ForumThreadsService } from './forum-threads.service.js';

/** The forum's services, grouped as they appear on DomainServices. */
export interface ForumServices {
  categories: ForumCategoriesService;
  threads: ForumThreadsService;
  posts: ForumPostsService;
  editing: ForumEditingService;
  reactions: ForumReactionsService;
}

/** Registers the forum and subscription models on the connection (indexes are built from them). */
export function registerForumModels(connection: Connection): void {
  for (const register of [
    forumCategoryModel,
    forumThreadModel,
    forumPostModel,
    forumReactionModel,
    forumRevisionModel,
    forumReadMarkerModel,
    subscriptionModel,
  ]) {
    register(connection);
  }
}

/** What the forum asks of moderation: an audit log for moderators' actions, and new users' posting limits. */
export interface ForumModeration {
  audit?: AuditLog | undefined;
  postingLimits?: PostingLimits | undefined;
}

/** Builds the forum services. `now` is injectable so tests can move past the edit window. */
export function createForumServices(
  connection: Connection,
  subscriptions: SubscriptionsService,
  outbox: Outbox,
  now: () => Date,
  moderation: ForumModeration = {},
): ForumServices {
  const categories = new ForumCategoriesService(connection, moderation.audit);
  const threads = new ForumThreadsService(connection, categories, subscriptions, outbox, now, moderation.postingLimits);
  const posts = new ForumPostsService(connection, threads, outbox, now, moderation.postingLimits);
  return {
    categories,
    threads,
    posts,
    editing: new ForumEditingService(connection, categories, threads, posts, now, moderation.audit),
    reactions: new ForumReactionsService(connection, threads, posts, now),
  };
}
