import type { Types } from 'mongoose';
import type { ActorCache } from './actor-cache.js';

/**
 * Told of every change to what a token acts as, after the change is written, so that answers
 * remembered by `ActorCache` are dropped in this process at once and in every other process
 * of the service. Every write to a user's roles, ban, locale or account (merge), and every
 * token revocation, must call it.
 */
export interface ActorChanges {
  /** After a user's roles, ban, locale or account changed: every answer for their tokens goes. */
  userChanged(userId: Types.ObjectId): Promise<void>;
  /** After a token was revoked: its answer goes. */
  tokenRevoked(tokenId: Types.ObjectId): Promise<void>;
}

/**
 * Changes that only this process needs to hear of: a process alone with its cache, or one
 * with no cache at all (operator scripts, tests that build the domain directly).
 */
export function localActorChanges(cache?: ActorCache): ActorChanges {
  return {
    userChanged: async (userId) => cache?.dropUser(String(userId)),
    tokenRevoked: async (tokenId) => cache?.dropToken(String(tokenId)),
  };
}
