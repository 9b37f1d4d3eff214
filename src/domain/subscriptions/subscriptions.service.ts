import { Types, type Connection } from 'mongoose';
import { NotFoundError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { isModerator } from '../forum/forum-access.js';
import { forumCategoryModel } from '../forum/forum-category.model.js';
import { forumThreadModel } from '../forum/forum-thread.model.js';
import { subscriptionModel, type Subscription, type SubscriptionKind } from './subscription.model.js';
import { subscriptionInput, type SubscriptionInput, type UnsubscribeQuery } from './subscription.schemas.js';

const MAX_SUBSCRIPTIONS = 500;

/** What people follow, and who follows what (for notification fan-out). */
export class SubscriptionsService {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get subscriptions() {
    return subscriptionModel(this.connection);
  }

  /** The user's subscriptions, by kind then value. */
  async list(userId: Types.ObjectId): Promise<Subscription[]> {
    return this.subscriptions.find({ userId }).sort({ kind: 1, value: 1 }).limit(MAX_SUBSCRIPTIONS).lean();
  }

  /**
   * Follows something; following it again changes nothing. `created` says whether it is new.
   * Categories and threads must exist (hidden threads only for moderators).
   */
  async subscribe(actor: Actor, input: SubscriptionInput): Promise<{ subscription: Subscription; created: boolean }> {
    await this.assertTargetExists(actor, input);
    return this.follow(actor.userId, input.kind, input.value);
  }

  /** Follows without checks: for the domain itself, e.g. authors following their own threads. */
  async follow(userId: Types.ObjectId, kind: SubscriptionKind, value: string): Promise<{ subscription: Subscription; created: boolean }> {
    // An upsert on the unique key: two parallel subscribes end as one document, no E11000 for the caller.
    const { upsertedCount } = await this.subscriptions.updateOne(
      { userId, kind, value },
      { $setOnInsert: { createdAt: this.now() } },
      { upsert: true },
    );
    const subscription = await this.subscriptions.findOne({ userId, kind, value }).lean();
    if (!subscription) throw new Error('subscription vanished right after its upsert');
    return { subscription, created: upsertedCount === 1 };
  }

  /** Stops following; harmless when not following (or when the value could never be followed). */
  async unsubscribe(userId: Types.ObjectId, query: UnsubscribeQuery): Promise<void> {
    const parsed = subscriptionInput.safeParse(query);
    if (!parsed.success) return;
    await this.subscriptions.deleteOne({ userId, kind: parsed.data.kind, value: parsed.data.value });
  }

  /** Everyone who follows any of `values` of one kind: the audience of a notice about them. */
  async audienceFor(kind: SubscriptionKind, values: readonly string[]): Promise<Types.ObjectId[]> {
    if (values.length === 0) return [];
    const rows = await this.subscriptions.find({ kind, value: { $in: [...values] } }, { userId: 1, _id: 0 }).lean();
    const unique = new Map(rows.map((r) => [String(r.userId), r.userId]));
    return [...unique.values()];
  }

  /** /link merge step: the survivor follows what either account followed. */
  async mergeUsers(from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
    for (const sub of await this.subscriptions.find({ userId: from }).lean()) {
      await this.follow(into, sub.kind, sub.value);
    }
    await this.subscriptions.deleteMany({ userId: from });
  }

  private async assertTargetExists(actor: Actor, input: SubscriptionInput): Promise<void> {
    if (input.kind === 'category') {
      if (!(await forumCategoryModel(this.connection).exists({ _id: new Types.ObjectId(input.value) }))) {
        throw new NotFoundError('forum.category_not_found', 'No such forum category.', { id: input.value });
      }
    } else if (input.kind === 'thread') {
      const visible = isModerator(actor) ? {} : { hidden: false };
      if (!(await forumThreadModel(this.connection).exists({ _id: new Types.ObjectId(input.value), ...visible }))) {
        throw new NotFoundError('forum.thread_not_found', 'No such thread.', { id: input.value });
      }
    }
  }
}
