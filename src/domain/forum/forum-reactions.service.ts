import type { Connection, Model, Types } from 'mongoose';
import { ConflictError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { assertMayPost } from './forum-access.js';
import { forumPostModel } from './forum-post.model.js';
import type { ForumPostsService } from './forum-posts.service.js';
import { countsOf, type ReactionCounts, type ReactionKind } from './forum-reactions.js';
import { forumReactionModel, type ForumTarget } from './forum-records.model.js';
import { forumThreadModel } from './forum-thread.model.js';
import type { ForumThreadsService } from './forum-threads.service.js';

/** The caller's reaction state after a PUT or DELETE, with the target's counters. */
export interface ReactionState {
  kind: ReactionKind;
  reacted: boolean;
  counts: ReactionCounts;
}

type Counted = Model<{ _id: Types.ObjectId; reactions: ReactionCounts }>;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Reactions on threads and posts: one per person per kind, counted on the target. */
export class ForumReactionsService {
  constructor(
    private readonly connection: Connection,
    private readonly threads: ForumThreadsService,
    private readonly posts: ForumPostsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Adds the caller's reaction; adding it again changes nothing. The unique reaction
   * document decides, so ten parallel double-clicks insert once and $inc once.
   */
  async add(actor: Actor, target: ForumTarget, id: Types.ObjectId, kind: ReactionKind): Promise<ReactionState> {
    await assertMayPost(this.connection, actor);
    await this.assertReactable(actor, target, id);
    try {
      await forumReactionModel(this.connection).create({ target, targetId: id, userId: actor.userId, kind, createdAt: this.now() });
      await this.model(target).updateOne({ _id: id }, { $inc: { [`reactions.${kind}`]: 1 } });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return { kind, reacted: true, counts: await this.counts(target, id) };
  }

  /** Takes the caller's reaction back; harmless when there is none. */
  async remove(actor: Actor, target: ForumTarget, id: Types.ObjectId, kind: ReactionKind): Promise<ReactionState> {
    await this.assertReactable(actor, target, id);
    const { deletedCount } = await forumReactionModel(this.connection).deleteOne({ targetId: id, userId: actor.userId, kind });
    // Only the caller whose delete removed the document decrements, so parallel DELETEs count once too.
    if (deletedCount === 1) await this.model(target).updateOne({ _id: id }, { $inc: { [`reactions.${kind}`]: -1 } });
    return { kind, reacted: false, counts: await this.counts(target, id) };
  }

  private async assertReactable(actor: Actor, target: ForumTarget, id: Types.ObjectId): Promise<void> {
    const item = target === 'thread' ? await this.threads.get(actor, id) : await this.posts.get(actor, id);
    if (item.deletedAt) throw new ConflictError('forum.deleted', 'Deleted content cannot be changed.');
  }

  private model(target: ForumTarget): Counted {
    return (target === 'thread' ? forumThreadModel(this.connection) : forumPostModel(this.connection)) as unknown as Counted;
  }

  private async counts(target: ForumTarget, id: Types.ObjectId): Promise<ReactionCounts> {
    const doc = await this.model(target).findById(id, { reactions: 1 }).lean();
    return countsOf(doc?.reactions);
  }
}
