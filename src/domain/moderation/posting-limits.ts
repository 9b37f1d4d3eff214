import type { Connection } from 'mongoose';
import { RateLimitedError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { forumPostModel } from '../forum/forum-post.model.js';
import { forumThreadModel } from '../forum/forum-thread.model.js';
import { hasRole } from '../users/roles.js';
import { userModel } from '../users/user.model.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How much a new account may post. `newUserDays` 0 turns the limits off. */
export interface PostingLimitSettings {
  /** For how many days after sign-up an account counts as new. */
  newUserDays: number;
  /** New threads a new account may start per rolling 24 hours. */
  threadsPerDay: number;
  /** Replies a new account may write per rolling hour. */
  repliesPerHour: number;
}

export const DEFAULT_POSTING_LIMITS: PostingLimitSettings = { newUserDays: 7, threadsPerDay: 3, repliesPerHour: 10 };

/**
 * Slows down accounts in their first days, the usual shape of forum spam: a few threads a
 * day and a handful of replies an hour, then no limit. Moderators and organisers are exempt.
 * Counts come from the stored posts, so every API process and bot agrees on them.
 */
export class PostingLimits {
  constructor(
    private readonly connection: Connection,
    private readonly settings: PostingLimitSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Throws RateLimitedError (429 with Retry-After) when a new account has used its allowance. */
  async assertMayPost(actor: Actor, kind: 'thread' | 'reply'): Promise<void> {
    const { newUserDays, threadsPerDay, repliesPerHour } = this.settings;
    if (newUserDays <= 0 || hasRole(actor.roles, 'moderator') || hasRole(actor.roles, 'organiser')) return;
    const now = this.now();
    const user = await userModel(this.connection).findById(actor.userId, { createdAt: 1 }).lean();
    if (!user || now.getTime() - user.createdAt.getTime() >= newUserDays * DAY_MS) return;
    const [max, windowMs] = kind === 'thread' ? [threadsPerDay, DAY_MS] : [repliesPerHour, HOUR_MS];
    // The max-th newest post in the window, if there is one, is what has to age out first.
    const filter = { authorId: actor.userId, createdAt: { $gt: new Date(now.getTime() - windowMs) } };
    const skip = Math.max(max - 1, 0);
    const recent: { createdAt: Date }[] =
      kind === 'thread'
        ? await forumThreadModel(this.connection).find(filter, { createdAt: 1 }).sort({ createdAt: -1 }).skip(skip).limit(1).lean()
        : await forumPostModel(this.connection).find(filter, { createdAt: 1 }).sort({ createdAt: -1 }).skip(skip).limit(1).lean();
    const oldestCounted = recent[0];
    if (max > 0 && !oldestCounted) return;
    const freeAt = oldestCounted ? oldestCounted.createdAt.getTime() + windowMs : now.getTime() + windowMs;
    throw new RateLimitedError(kind === 'thread' ? 'forum.new_user_thread_limit' : 'forum.new_user_reply_limit', 'New accounts may post only a little at first.', {
      limit: max,
      retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
      newUserDays,
    });
  }
}
