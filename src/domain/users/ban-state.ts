import type { QueryFilter } from 'mongoose';
import type { User } from './user.model.js';

/** Whether a user is banned now, and until when; what the bots check before answering. */
export interface BanStatus {
  banned: boolean;
  reason?: string;
  /** When a timed ban ends; absent for a ban that lasts until a moderator lifts it. */
  until?: Date;
}

/**
 * True while the user's ban holds. A timed ban ends by itself at `until`: nothing has to
 * run for that, so every check asks this function (or `activeUsers`) rather than `status`.
 */
export function isBanned(user: Pick<User, 'status' | 'ban'>, now: Date): boolean {
  if (user.status !== 'banned') return false;
  const until = user.ban?.until;
  return !until || until.getTime() > now.getTime();
}

/** The ban as the user and the bots see it. */
export function banStatusOf(user: Pick<User, 'status' | 'ban'>, now: Date): BanStatus {
  if (!isBanned(user, now)) return { banned: false };
  return { banned: true, ...(user.ban?.reason ? { reason: user.ban.reason } : {}), ...(user.ban?.until ? { until: user.ban.until } : {}) };
}

/** A query filter for users who may be notified and act: not merged away, not banned now. */
export function activeUsers(now: Date): QueryFilter<User> {
  return {
    mergedInto: { $exists: false },
    $or: [{ status: 'active' }, { 'ban.until': { $lte: now } }],
  };
}
