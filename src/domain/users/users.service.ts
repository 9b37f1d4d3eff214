import type { Connection, Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../app-error.js';
import { requireRole } from '../auth/access.js';
import { AdminGuard } from './admin-guard.js';
import type { Locale } from '../../i18n/messages.js';
import { identityKey, identityModel, type Provider } from './identity.model.js';
import { userModel, type User } from './user.model.js';
import type { Role } from './roles.js';
import type { UpdateMe } from './user.schemas.js';
import type { Actor } from '../auth/api-token.service.js';
import { localActorChanges, type ActorChanges } from '../auth/actor-changes.js';
import type { AuditLog } from '../moderation/audit-log.service.js';
import { cleanPersonText } from '../shared/person-text.js';

const DUPLICATE_KEY = 11000;

/** Accounts, their platform identities and their own settings. */
export class UsersService {
  constructor(
    private readonly connection: Connection,
    private readonly audit?: AuditLog,
    private readonly actorChanges: ActorChanges = localActorChanges(),
  ) {
    this.adminGuard = new AdminGuard(connection);
  }

  private readonly adminGuard: AdminGuard;

  private get users() {
    return userModel(this.connection);
  }

  private get identities() {
    return identityModel(this.connection);
  }

  /** Creates a user with no platform identity (an API-only account, e.g. the first admin). */
  async create(input: { displayName: string; roles?: Role[]; locale?: Locale; timezone?: string }): Promise<User> {
    const roles = [...new Set<Role>(['member', ...(input.roles ?? [])])];
    const user = await this.users.create({ ...input, roles });
    return user.toObject();
  }

  /** The user, or NotFoundError. */
  async get(userId: Types.ObjectId): Promise<User> {
    const user = await this.users.findById(userId).lean();
    if (!user) throw new NotFoundError('user.not_found', 'No such user.', { id: String(userId) });
    return user;
  }

  /** Display names by user id, for lists that show people by name (ids missing from the map are unknown). */
  async displayNames(ids: readonly Types.ObjectId[]): Promise<Map<string, string>> {
    const users = await this.users.find({ _id: { $in: [...ids] } }, { displayName: 1 }).lean();
    return new Map(users.map((u) => [String(u._id), u.displayName]));
  }

  /**
   * The user behind a platform account, created on first contact. Two first messages
   * racing each other end with one user: the identity's _id is the platform key.
   */
  async findOrCreateByIdentity(
    provider: Provider,
    externalId: string,
    profile: { displayName: string; handle?: string; locale?: Locale },
  ): Promise<User> {
    const key = identityKey(provider, externalId);
    const existing = await this.identities.findById(key).lean();
    if (existing) return this.get(existing.userId);
    // Platform names are person-written too: no bidi overrides or invisible "blank" names.
    const displayName = cleanPersonText(profile.displayName).trim() || profile.handle || `${provider} ${externalId}`;
    const user = await this.users.create({ displayName, locale: profile.locale ?? 'vi' });
    try {
      await this.identities.create({ _id: key, provider, externalId, handle: profile.handle, userId: user._id });
      return user.toObject();
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      await this.users.deleteOne({ _id: user._id });
      const winner = await this.identities.findById(key).lean();
      if (!winner) throw error;
      return this.get(winner.userId);
    }
  }

  /** The platform accounts joined to this user. */
  async identitiesOf(userId: Types.ObjectId) {
    return this.identities.find({ userId }).sort({ createdAt: 1 }).lean();
  }

  /**
   * Replaces a user's platform roles (admins only; audited as `actor`). Everyone keeps
   * 'member'. Taking the admin role from the last admin is refused (409 user.last_admin).
   */
  async setRoles(actor: Actor, userId: Types.ObjectId, roles: Role[]): Promise<User> {
    requireRole(actor, 'admin');
    const next = [...new Set<Role>(['member', ...roles])];
    const before = await this.users.findById(userId, { roles: 1 }).lean();
    if (!before) throw new NotFoundError('user.not_found', 'No such user.', { id: String(userId) });
    const write = async () => {
      // Conditional on the roles read above: a change made meanwhile is not silently overwritten.
      const updated = await this.users.findOneAndUpdate({ _id: userId, roles: before.roles }, { $set: { roles: next } }, { returnDocument: 'after' }).lean();
      if (!updated) throw new ConflictError('user.roles_changed', 'The roles changed meanwhile; read them again.');
      return updated;
    };
    const losesAdmin = before.roles.includes('admin') && !next.includes('admin');
    const user = losesAdmin ? await this.adminGuard.removeAdmin(userId, write) : await write();
    await this.actorChanges.userChanged(userId);
    await this.audit?.record(actor, 'user.roles_set', { type: 'user', id: userId }, { from: before.roles, to: next });
    return user;
  }

  /** Users whose name matches (folded, case-insensitive prefix of any word), newest first; admins only. */
  async search(actor: Actor, query: { q?: string | undefined; role?: Role | undefined; limit: number }): Promise<User[]> {
    requireRole(actor, 'admin');
    const filter: Record<string, unknown> = { mergedInto: { $exists: false } };
    if (query.role) filter.roles = query.role;
    if (query.q) filter.displayName = { $regex: escapeRegExp(query.q), $options: 'i' };
    return this.users.find(filter).sort({ _id: -1 }).limit(query.limit).lean();
  }

  /** Applies a validated /me change; nested notification settings merge field by field. */
  async updateMe(userId: Types.ObjectId, change: UpdateMe): Promise<User> {
    const set: Record<string, unknown> = {};
    for (const key of ['displayName', 'locale', 'timezone', 'contact'] as const) {
      if (change[key] !== undefined) set[key] = change[key];
    }
    if (change.timezone !== undefined) set.timezoneChosen = true;
    for (const [key, value] of Object.entries(change.notifications ?? {})) {
      if (value !== undefined) set[`notifications.${key}`] = value;
    }
    const user = await this.users.findByIdAndUpdate(userId, { $set: set }, { returnDocument: 'after', runValidators: true }).lean();
    if (!user) throw new NotFoundError('user.not_found', 'No such user.', { id: String(userId) });
    // The locale is part of what a token acts as (the language of its error messages).
    if (change.locale !== undefined) await this.actorChanges.userChanged(userId);
    return user;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
