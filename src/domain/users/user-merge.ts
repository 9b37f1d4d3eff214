import type { Connection, Types } from 'mongoose';
import { apiTokenModel } from '../auth/api-token.model.js';
import { NotFoundError } from '../app-error.js';
import { isBanned } from './ban-state.js';
import { identityModel } from './identity.model.js';
import { presentContact, userModel, type User } from './user.model.js';

/** A concept's part of a merge: move or combine what `from` owns onto `into`. */
export type MergeStep = (from: Types.ObjectId, into: Types.ObjectId) => Promise<void>;

/**
 * Joins two users into one. The survivor (`into`) keeps its own settings; anything it
 * lacks is filled from the other; roles are united; a ban on either side stays a ban.
 * The merged user is kept as a tombstone pointing at the survivor.
 */
export class UserMerger {
  private readonly steps: MergeStep[] = [];

  constructor(private readonly connection: Connection) {}

  /** Lets a concept (experts, firms, introductions…) take part in every merge. */
  addStep(step: MergeStep): void {
    this.steps.push(step);
  }

  /** Merges `from` into `into` and returns the survivor. */
  async merge(from: Types.ObjectId, into: Types.ObjectId): Promise<User> {
    const users = userModel(this.connection);
    const [source, target] = await Promise.all([users.findById(from).lean(), users.findById(into).lean()]);
    if (!source || !target) throw new NotFoundError('user.not_found', 'No such user.');
    await identityModel(this.connection).updateMany({ userId: from }, { $set: { userId: into } });
    await apiTokenModel(this.connection).updateMany({ userId: from }, { $set: { userId: into } });
    for (const step of this.steps) await step(from, into);
    const merged = await users.findByIdAndUpdate(
      into,
      {
        $set: {
          contact: { ...presentContact(source.contact), ...presentContact(target.contact) },
          ...mergedBan(source, target),
        },
        $addToSet: { roles: { $each: source.roles } },
      },
      { returnDocument: 'after' },
    ).lean();
    await users.updateOne({ _id: from }, { $set: { mergedInto: into } });
    if (!merged) throw new NotFoundError('user.not_found', 'No such user.');
    return merged;
  }
}

/** The stricter of two users' bans: one that holds beats none, a lasting one beats a timed one, a later end beats an earlier. */
function mergedBan(a: User, b: User): Pick<User, 'status' | 'ban'> {
  const now = new Date();
  const holding = [a, b].filter((u) => isBanned(u, now));
  if (holding.length === 0) return { status: 'active' };
  const end = (u: User) => u.ban?.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const strictest = holding.reduce((x, y) => (end(y) > end(x) ? y : x));
  return { status: 'banned', ...(strictest.ban ? { ban: strictest.ban } : {}) };
}
