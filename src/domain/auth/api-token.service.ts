import { createHash, randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { NotFoundError } from '../app-error.js';
import { bannedError } from '../users/banned-error.js';
import { isBanned } from '../users/ban-state.js';
import { userModel } from '../users/user.model.js';
import type { Role } from '../users/roles.js';
import type { Locale } from '../../i18n/messages.js';
import { apiTokenModel, type ApiToken } from './api-token.model.js';
import { assertScopeHeld, effectiveRoles } from './access.js';
import type { ActorCache, CachedActor } from './actor-cache.js';
import { localActorChanges, type ActorChanges } from './actor-changes.js';

/** Who is acting: the user behind a token (or a bot identity) and the roles in effect. */
export interface Actor {
  userId: Types.ObjectId;
  roles: Role[];
  locale: Locale;
  tokenId?: Types.ObjectId;
  /** The scope of the token in use, when it is narrowed; tokens it creates stay inside it. */
  scope?: Role[];
  /** Set only on SYSTEM_ACTOR: scheduled work acting on nobody's behalf. */
  system?: true;
}

const TOKEN_PREFIX = 'vnb_';
// Writing lastUsedAt on every request would turn every read into a write.
const LAST_USED_GRANULARITY_MS = 60_000;

/** SHA-256 of a token, as stored. Tokens are 256 random bits, so no salt or slow hash is needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues, checks and revokes bearer tokens. */
export class ApiTokenService {
  /**
   * `cache` keeps answers for a short time (none = every request reads MongoDB); `changes` is
   * told of revocations so that no process keeps answering for a revoked token.
   */
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
    private readonly cache?: ActorCache,
    private readonly changes: ActorChanges = localActorChanges(cache),
  ) {}

  private get tokens() {
    return apiTokenModel(this.connection);
  }

  /**
   * Creates a token for a user; the plain token is returned once and never stored. A `scope`
   * narrows it to some of the user's roles (422 token.scope_not_held for a role they lack).
   */
  async issue(userId: Types.ObjectId, options: { name: string; scope?: Role[] | undefined }): Promise<{ token: string; record: ApiToken }> {
    if (options.scope && options.scope.length > 0) {
      const user = await userModel(this.connection).findById(userId, { roles: 1 }).lean();
      if (!user) throw new NotFoundError('user.not_found', 'No such user.', { id: String(userId) });
      assertScopeHeld(user.roles, options.scope);
    }
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record = await this.tokens.create({
      userId,
      name: options.name,
      tokenHash: hashToken(token),
      preview: token.slice(0, TOKEN_PREFIX.length + 6),
      ...(options.scope && options.scope.length > 0 ? { scope: [...new Set(options.scope)] } : {}),
    });
    return { token, record: record.toObject() };
  }

  /**
   * The actor behind a presented token, or null when the token is unknown or revoked.
   * A banned user's tokens stop working at once: that raises ForbiddenError('user.banned').
   * Answers for working tokens of users who are not banned may come from the cache; anything
   * else is read afresh every time.
   */
  async authenticate(token: string): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const tokenHash = hashToken(token);
    const cached = this.cache?.get(tokenHash);
    if (cached) {
      await this.noteUse(cached);
      return copyActor(cached.actor);
    }
    const ticket = this.cache?.ticket() ?? 0;
    const answer = await this.read(tokenHash);
    if (!answer) return null;
    await this.noteUse(answer);
    this.cache?.set(tokenHash, answer, ticket);
    return copyActor(answer.actor);
  }

  /** The answer as MongoDB has it now (the uncached path). */
  private async read(tokenHash: string): Promise<CachedActor | null> {
    const record = await this.tokens.findOne({ tokenHash }).lean();
    if (!record || record.revokedAt) return null;
    const user = await userModel(this.connection).findById(record.userId).lean();
    if (!user || user.mergedInto) return null;
    const now = this.now();
    if (isBanned(user, now)) throw bannedError(user);
    if (user.status === 'banned') {
      // A timed ban that has run out: tidy the stored status on the user's next visit.
      await userModel(this.connection).updateOne({ _id: user._id, status: 'banned', 'ban.until': { $lte: now } }, { $set: { status: 'active' } });
      user.status = 'active';
    }
    // The user's roles as they are now, so promotions and demotions reach existing tokens.
    const actor: Actor = {
      userId: user._id,
      roles: effectiveRoles(user.roles, record.scope),
      locale: user.locale,
      tokenId: record._id,
      ...(record.scope && record.scope.length > 0 ? { scope: record.scope } : {}),
    };
    return { actor, lastUsedAt: record.lastUsedAt?.getTime() };
  }

  /**
   * Writes lastUsedAt at most once a minute per token. The write is conditional on the stored
   * value, so several processes answering for the same token still write once a minute.
   */
  private async noteUse(answer: CachedActor): Promise<void> {
    const now = this.now();
    if (answer.lastUsedAt !== undefined && now.getTime() - answer.lastUsedAt <= LAST_USED_GRANULARITY_MS) return;
    answer.lastUsedAt = now.getTime();
    const stale = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
    await this.tokens.updateOne(
      { _id: answer.actor.tokenId, $or: [{ lastUsedAt: { $exists: false } }, { lastUsedAt: { $lt: stale } }] },
      { $set: { lastUsedAt: now } },
    );
  }

  /** The user's tokens, newest first, without their hashes. */
  async list(userId: Types.ObjectId): Promise<Omit<ApiToken, 'tokenHash'>[]> {
    return this.tokens.find({ userId }, { tokenHash: 0 }).sort({ _id: -1 }).lean();
  }

  /** Revokes one of the user's own tokens. Revoking twice is harmless. */
  async revoke(userId: Types.ObjectId, tokenId: Types.ObjectId): Promise<void> {
    const result = await this.tokens.updateOne(
      { _id: tokenId, userId },
      { $set: { revokedAt: this.now() } },
    );
    if (result.matchedCount === 0) throw new NotFoundError('token.not_found', 'No such token.', { id: String(tokenId) });
    await this.changes.tokenRevoked(tokenId);
  }
}

/** A copy per request, so nothing a caller does to its actor reaches the cached one. */
function copyActor(actor: Actor): Actor {
  return { ...actor, roles: [...actor.roles], ...(actor.scope ? { scope: [...actor.scope] } : {}) };
}
