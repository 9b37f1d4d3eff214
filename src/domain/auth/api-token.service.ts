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
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
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
   */
  async authenticate(token: string): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const record = await this.tokens.findOne({ tokenHash: hashToken(token) }).lean();
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
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      await this.tokens.updateOne({ _id: record._id }, { $set: { lastUsedAt: now } });
    }
    // The user's roles as they are now, so promotions and demotions reach existing tokens.
    return {
      userId: user._id,
      roles: effectiveRoles(user.roles, record.scope),
      locale: user.locale,
      tokenId: record._id,
      ...(record.scope && record.scope.length > 0 ? { scope: record.scope } : {}),
    };
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
  }
}
