import type { Connection, Types } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { localActorChanges, type ActorChanges } from '../auth/actor-changes.js';
import { banStatusOf, isBanned, type BanStatus } from '../users/ban-state.js';
import { requireRole } from '../auth/access.js';
import { AdminGuard } from '../users/admin-guard.js';
import { hasRole } from '../users/roles.js';
import { userModel, type User } from '../users/user.model.js';
import type { AuditLog } from './audit-log.service.js';
import type { BanInput } from './moderation.schemas.js';

/**
 * Banning and unbanning people. A banned user's tokens stop working, they cannot post, they
 * receive no notices, and the bots refuse them politely; a timed ban ends by itself.
 * Moderators ban members; only admins ban moderators or admins; nobody bans themselves.
 */
export class BansService {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
    private readonly actorChanges: ActorChanges = localActorChanges(),
  ) {
    this.adminGuard = new AdminGuard(connection);
  }

  private readonly adminGuard: AdminGuard;

  /** Bans the user (again: a new ban replaces the old one's reason and end). */
  async ban(actor: Actor, userId: Types.ObjectId, input: BanInput): Promise<BanStatus> {
    const now = this.now();
    const target = await this.assertMayAct(actor, userId);
    if (input.until && input.until.getTime() <= now.getTime()) {
      throw new ValidationError('moderation.ban_end_past', 'A ban must end in the future.', { until: input.until.toISOString() });
    }
    const ban = { reason: input.reason, at: now, by: actor.userId, ...(input.until ? { until: input.until } : {}) };
    const write = () =>
      userModel(this.connection)
        .findOneAndUpdate({ _id: target._id, mergedInto: { $exists: false } }, { $set: { status: 'banned', ban } }, { returnDocument: 'after' })
        .lean();
    // A banned admin cannot act: two admins banning each other at once must leave one.
    const updated = isBanned(target, now) || !target.roles.includes('admin') ? await write() : await this.adminGuard.removeAdmin(target._id, write);
    if (!updated) throw userNotFound(userId);
    await this.actorChanges.userChanged(target._id);
    await this.audit.record(actor, 'user.banned', { type: 'user', id: userId }, {
      reason: input.reason,
      until: input.until ? input.until.toISOString() : null,
    });
    return banStatusOf(updated, now);
  }

  /** Lifts a ban that still holds; 409 when the user is not banned. */
  async unban(actor: Actor, userId: Types.ObjectId): Promise<BanStatus> {
    const now = this.now();
    const target = await this.assertMayAct(actor, userId);
    if (!isBanned(target, now)) throw new ConflictError('moderation.not_banned', 'This user is not banned.');
    const updated = await userModel(this.connection)
      .findOneAndUpdate({ _id: userId, status: 'banned' }, { $set: { status: 'active' } }, { returnDocument: 'after' })
      .lean();
    if (!updated) throw new ConflictError('moderation.not_banned', 'This user is not banned.');
    // Banned users' answers are never cached; this is for answers read just before the ban lifted.
    await this.actorChanges.userChanged(updated._id);
    await this.audit.record(actor, 'user.unbanned', { type: 'user', id: userId }, { reason: target.ban?.reason ?? null });
    return banStatusOf(updated, now);
  }

  /** Whether the user is banned right now: for moderators, and for the person themselves. */
  async status(actor: Actor, userId: Types.ObjectId): Promise<BanStatus> {
    if (!actor.userId.equals(userId)) requireRole(actor, 'moderator');
    const user = await userModel(this.connection).findById(userId, { status: 1, ban: 1 }).lean();
    if (!user) throw userNotFound(userId);
    return banStatusOf(user, this.now());
  }

  private async assertMayAct(actor: Actor, userId: Types.ObjectId): Promise<User> {
    if (!hasRole(actor.roles, 'moderator')) throw new ForbiddenError('auth.forbidden', 'Only moderators may do this.');
    if (actor.userId.equals(userId)) throw new ValidationError('moderation.not_yourself', 'You cannot ban or unban yourself.');
    const target = await userModel(this.connection).findById(userId).lean();
    if (!target || target.mergedInto) throw userNotFound(userId);
    if (hasRole(target.roles, 'moderator') && !actor.roles.includes('admin')) {
      throw new ForbiddenError('moderation.staff_ban', 'Only an admin can ban or unban a moderator or an admin.');
    }
    return target;
  }
}

function userNotFound(id: Types.ObjectId): NotFoundError {
  return new NotFoundError('user.not_found', 'No such user.', { id: String(id) });
}
