import type { Connection, Types } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { hasRole } from '../users/roles.js';
import { isBanned } from '../users/ban-state.js';
import { bannedError } from '../users/banned-error.js';
import { userModel } from '../users/user.model.js';

/** How long an author may edit what they wrote; moderators may edit at any time. */
export const EDIT_WINDOW_MS = 30 * 60_000;

/** True for moderators and admins, who see hidden content and may act on anything. */
export function isModerator(actor: Actor | null): boolean {
  return actor !== null && hasRole(actor.roles, 'moderator');
}

/**
 * Throws unless the actor may write in the forum. Banned users' tokens already fail in
 * authentication; this check also covers a ban that lands between that and the write.
 */
export async function assertMayPost(connection: Connection, actor: Actor, now = new Date()): Promise<void> {
  const user = await userModel(connection).findById(actor.userId, { status: 1, ban: 1 }).lean();
  if (!user) throw bannedError({});
  if (isBanned(user, now)) throw bannedError(user);
}

interface Authored {
  authorId: Types.ObjectId;
  createdAt: Date;
  deletedAt?: Date | undefined;
}

/** Throws unless the actor may edit: its author within the edit window, or a moderator. */
export function assertMayEdit(actor: Actor, item: Authored, now: Date): void {
  if (item.deletedAt) throw new ConflictError('forum.deleted', 'Deleted content cannot be changed.');
  if (isModerator(actor)) return;
  if (!item.authorId.equals(actor.userId)) {
    throw new ForbiddenError('forum.not_author', 'Only the author or a moderator may do this.');
  }
  if (now.getTime() - item.createdAt.getTime() > EDIT_WINDOW_MS) {
    throw new ForbiddenError('forum.edit_window_closed', 'The time to edit this has passed.', {
      minutes: EDIT_WINDOW_MS / 60_000,
    });
  }
}

/** Throws unless the actor wrote the item or moderates. */
export function assertAuthorOrModerator(actor: Actor, item: Pick<Authored, 'authorId'>): void {
  if (!isModerator(actor) && !item.authorId.equals(actor.userId)) {
    throw new ForbiddenError('forum.not_author', 'Only the author or a moderator may do this.');
  }
}

/** The error for a thread the caller may not see: hidden ones look exactly like missing ones. */
export function threadNotFound(id: Types.ObjectId): NotFoundError {
  return new NotFoundError('forum.thread_not_found', 'No such thread.', { id: String(id) });
}

/** The error for a post the caller may not see. */
export function postNotFound(id: Types.ObjectId): NotFoundError {
  return new NotFoundError('forum.post_not_found', 'No such post.', { id: String(id) });
}
