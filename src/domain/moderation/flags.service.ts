import type { Connection, Types } from 'mongoose';
import { ConflictError, ForbiddenError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { isModerator } from '../forum/forum-access.js';
import { forumPostModel } from '../forum/forum-post.model.js';
import type { ForumPostsService } from '../forum/forum-posts.service.js';
import { forumThreadModel } from '../forum/forum-thread.model.js';
import type { ForumThreadsService } from '../forum/forum-threads.service.js';
import { paginate, type Page } from '../shared/pagination.js';
import type { AuditLog } from './audit-log.service.js';
import { flagModel, moderationCaseModel, type Flag, type FlagTarget, type ModerationCase } from './flag.model.js';
import type { FlagInput, QueueQuery, ResolveFlagsInput } from './moderation.schemas.js';

const DUPLICATE_KEY = 11000;

/** What the reporter learns: their flag was taken; nothing about others' flags. */
export interface FlagReceipt {
  id: Types.ObjectId;
  reason: Flag['reason'];
  createdAt: Date;
}

/** The flagged item as it is now, so a moderator can judge it without another call. */
export interface FlaggedContent {
  title: string | null;
  body: string;
  authorId: Types.ObjectId;
  authorName: string | null;
  hidden: boolean;
  deleted: boolean;
}

/** A case in the moderators' queue with the flags that opened it (newest first) and the content. */
export type QueueItem = ModerationCase & { flags: Flag[]; content: FlaggedContent | null };

/**
 * Members flag threads and replies; moderators work through the queue of flagged items and
 * hide or keep each. Enough flags from different members hide an item before a moderator
 * looks, so a spam wave does not wait for office hours.
 */
export class FlagsService {
  constructor(
    private readonly connection: Connection,
    private readonly forum: { threads: ForumThreadsService; posts: ForumPostsService },
    private readonly audit: AuditLog,
    private readonly flagsToHide: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records the actor's flag on an item they can see; a second flag of the same item is a 409. */
  async flag(actor: Actor, targetType: FlagTarget, targetId: Types.ObjectId, input: FlagInput): Promise<FlagReceipt> {
    const item = targetType === 'thread' ? await this.forum.threads.get(actor, targetId) : await this.forum.posts.get(actor, targetId);
    if (item.deletedAt) throw new ConflictError('forum.deleted', 'Deleted content cannot be changed.');
    if (item.authorId.equals(actor.userId)) {
      throw new ValidationError('moderation.own_content', 'You cannot flag what you wrote yourself.');
    }
    const now = this.now();
    let flag: Flag;
    try {
      flag = (
        await flagModel(this.connection).create({ targetType, targetId, reporterId: actor.userId, reason: input.reason, note: input.note, createdAt: now })
      ).toObject();
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) {
        throw new ConflictError('moderation.already_flagged', 'You have already flagged this.');
      }
      throw error;
    }
    const threadId = 'threadId' in item ? item.threadId : item._id;
    const openCase = await this.countIntoCase(targetType, targetId, threadId, flag);
    if (openCase.openFlags >= this.flagsToHide) await this.autoHide(openCase);
    return { id: flag._id, reason: flag.reason, createdAt: flag.createdAt };
  }

  /** Open cases, oldest first, each with the flags since it opened. Moderators only. */
  async queue(actor: Actor, query: QueueQuery): Promise<Page<QueueItem>> {
    assertModerator(actor);
    const page = await paginate(moderationCaseModel(this.connection), { status: query.status }, {
      sortField: 'openedAt',
      direction: query.status === 'open' ? 1 : -1,
      cursor: query.cursor,
      limit: query.limit,
    });
    const items = await Promise.all(
      page.items.map(async (c) => ({
        ...c,
        flags: await flagModel(this.connection)
          .find({ targetId: c._id, createdAt: { $gte: c.openedAt } })
          .sort({ createdAt: -1 })
          .limit(20)
          .lean(),
        content: await this.contentOf(c),
      })),
    );
    return { items, nextCursor: page.nextCursor };
  }

  /**
   * Decides an open case: `hide` hides the item, `keep` shows it again (undoing an automatic
   * hide). The case is claimed in one write, so of two moderators deciding at once exactly one
   * wins and the other gets a 409.
   */
  async resolve(actor: Actor, targetId: Types.ObjectId, input: ResolveFlagsInput): Promise<QueueItem> {
    assertModerator(actor);
    const now = this.now();
    const decided = await moderationCaseModel(this.connection)
      .findOneAndUpdate(
        { _id: targetId, status: 'open' },
        { $set: { status: 'resolved', decision: input.decision, decidedBy: actor.userId, decidedAt: now } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!decided) throw new ConflictError('moderation.no_open_flags', 'There are no open flags on this; someone may have decided it already.');
    await this.setHidden(decided, input.decision === 'hide');
    await this.audit.record(actor, 'flags.resolved', { type: decided.targetType, id: targetId }, {
      decision: input.decision,
      flags: decided.openFlags,
      ...(input.note ? { note: input.note } : {}),
    });
    return { ...decided, flags: [], content: await this.contentOf(decided) };
  }

  private async contentOf(c: Pick<ModerationCase, '_id' | 'targetType'>): Promise<FlaggedContent | null> {
    const item =
      c.targetType === 'thread'
        ? await forumThreadModel(this.connection).findById(c._id, { title: 1, body: 1, authorId: 1, hidden: 1, deletedAt: 1 }).lean()
        : await forumPostModel(this.connection).findById(c._id, { body: 1, authorId: 1, hidden: 1, deletedAt: 1 }).lean();
    if (!item) return null;
    const names = await this.forum.threads.authorNames([item.authorId]);
    return {
      title: 'title' in item ? item.title : null,
      body: item.body.slice(0, 1000),
      authorId: item.authorId,
      authorName: names.get(String(item.authorId)) ?? null,
      hidden: item.hidden,
      deleted: Boolean(item.deletedAt),
    };
  }

  /**
   * Counts a new flag into the item's open case, opening (or reopening) the case when there is
   * none. Two first flags racing: one inserts, the other hits the unique _id and counts in.
   */
  private async countIntoCase(targetType: FlagTarget, targetId: Types.ObjectId, threadId: Types.ObjectId, flag: Flag): Promise<ModerationCase> {
    const cases = moderationCaseModel(this.connection);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const counted = await cases
        .findOneAndUpdate(
          { _id: targetId, status: 'open' },
          { $inc: { openFlags: 1, [`reasons.${flag.reason}`]: 1 }, $max: { lastFlaggedAt: flag.createdAt } },
          { returnDocument: 'after' },
        )
        .lean();
      if (counted) return counted;
      try {
        const opened = await cases
          .findOneAndUpdate(
            { _id: targetId, status: { $ne: 'open' } },
            {
              $set: {
                targetType,
                threadId,
                status: 'open',
                openFlags: 1,
                reasons: { [flag.reason]: 1 },
                openedAt: flag.createdAt,
                lastFlaggedAt: flag.createdAt,
                autoHidden: false,
              },
              $unset: { decision: 1, decidedBy: 1, decidedAt: 1 },
            },
            { upsert: true, returnDocument: 'after' },
          )
          .lean();
        if (opened) return opened;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    }
    throw new ConflictError('moderation.busy', 'Too many people are flagging this at once; try again.');
  }

  private async autoHide(openCase: ModerationCase): Promise<void> {
    const changed = await this.setHidden(openCase, true);
    if (!changed) return;
    await moderationCaseModel(this.connection).updateOne({ _id: openCase._id, status: 'open' }, { $set: { autoHidden: true } });
    await this.audit.record(null, 'content.auto_hidden', { type: openCase.targetType, id: openCase._id }, { flags: openCase.openFlags });
  }

  /** Hides or shows the item; true when that changed it. */
  private async setHidden(target: Pick<ModerationCase, '_id' | 'targetType'>, hidden: boolean): Promise<boolean> {
    const filter = { _id: target._id, hidden: !hidden };
    const result =
      target.targetType === 'thread'
        ? await forumThreadModel(this.connection).updateOne(filter, { $set: { hidden } })
        : await forumPostModel(this.connection).updateOne(filter, { $set: { hidden } });
    return result.modifiedCount > 0;
  }
}

function assertModerator(actor: Actor): void {
  if (!isModerator(actor)) throw new ForbiddenError('auth.forbidden', 'Only moderators may do this.');
}
