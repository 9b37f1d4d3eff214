import { ForbiddenError } from '../app-error.js';
import type { User } from './user.model.js';

/** The refusal a banned user gets everywhere; a timed ban says when it ends. */
export function bannedError(user: Partial<Pick<User, 'ban'>>): ForbiddenError {
  const until = user.ban?.until;
  return new ForbiddenError('user.banned', 'This account is banned.', until ? { until: until.toISOString() } : {});
}
