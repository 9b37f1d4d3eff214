import type { Types} from 'mongoose';
import { type Connection, type QueryFilter } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { paginate, type Page } from '../shared/pagination.js';
import { searchPage, searchTextOf } from '../shared/text-search.js';
import { hasRole } from '../users/roles.js';
import { firmModel, type Firm, type FirmRole } from './firm.model.js';
import type { CreateFirmInput, FirmListQuery, UpdateFirmInput } from './firm.schemas.js';
import type { AuditLog } from '../moderation/audit-log.service.js';

/** The role the actor holds in the firm, or undefined. */
export function firmRoleOf(firm: Pick<Firm, 'members'>, userId: Types.ObjectId): FirmRole | undefined {
  return firm.members.find((m) => m.userId.equals(userId))?.role;
}

/**
 * Throws unless the actor is a member of the firm with one of `roles` (any role when
 * omitted). Admins may act for any firm.
 */
export function assertFirmRole(firm: Pick<Firm, 'members'>, actor: Actor, roles?: readonly FirmRole[]): void {
  if (hasRole(actor.roles, 'admin')) return;
  const role = firmRoleOf(firm, actor.userId);
  if (!role) throw new ForbiddenError('firm.not_member', 'Only members of this firm may do this.');
  if (roles && !roles.includes(role)) {
    throw new ForbiddenError('firm.owner_only', 'Only an owner of this firm may do this.');
  }
}

function searchable(firm: Pick<Firm, 'name' | 'sector' | 'city' | 'description'>): string {
  return searchTextOf([firm.name, firm.sector, firm.city, firm.description.vi, firm.description.en]);
}

/** Local firms: their profile, their people, and their verification by moderators. */
export class FirmsService {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
    private readonly audit?: AuditLog,
  ) {}

  private get firms() {
    return firmModel(this.connection);
  }

  /** Creates a firm owned by its creator; it starts unverified. */
  async create(actor: Actor, input: CreateFirmInput): Promise<Firm> {
    const firm = await this.firms.create({
      ...input,
      verified: false,
      members: [{ userId: actor.userId, role: 'owner', addedAt: this.now() }],
      searchText: searchable(input),
    });
    return firm.toObject();
  }

  /** The firm, or NotFoundError. */
  async get(id: Types.ObjectId): Promise<Firm> {
    const firm = await this.firms.findById(id).lean();
    if (!firm) throw new NotFoundError('firm.not_found', 'No such firm.', { id: String(id) });
    return firm;
  }

  /** Changes the profile; owners and staff may. */
  async update(actor: Actor, id: Types.ObjectId, change: UpdateFirmInput): Promise<Firm> {
    const firm = await this.get(id);
    assertFirmRole(firm, actor);
    const next = { ...firm, ...change, description: { ...firm.description, ...change.description } };
    const updated = await this.firms
      .findByIdAndUpdate(
        id,
        { $set: { ...change, description: next.description, searchText: searchable(next) } },
        { returnDocument: 'after', runValidators: true },
      )
      .lean();
    if (!updated) throw new NotFoundError('firm.not_found', 'No such firm.', { id: String(id) });
    return updated;
  }

  /**
   * Changes a member's role (owners only). People join by accepting an invitation
   * (FirmInvitationsService), never by being added. The last owner cannot step down.
   */
  async changeMemberRole(actor: Actor, id: Types.ObjectId, userId: Types.ObjectId, role: FirmRole): Promise<Firm> {
    const firm = await this.get(id);
    assertFirmRole(firm, actor, ['owner']);
    const current = firmRoleOf(firm, userId);
    if (!current) throw new NotFoundError('firm.member_not_found', 'That person is not a member of this firm.');
    if (current === 'owner' && role !== 'owner') await this.assertAnotherOwner(firm, userId);
    const updated = await this.firms
      .findOneAndUpdate(
        // As in removeMember: another owner must still be there when the update applies.
        current === 'owner' && role !== 'owner'
          ? { _id: id, 'members.userId': userId, members: { $elemMatch: { role: 'owner', userId: { $ne: userId } } } }
          : { _id: id, 'members.userId': userId },
        { $set: { 'members.$[member].role': role } },
        { returnDocument: 'after', arrayFilters: [{ 'member.userId': userId }] },
      )
      .lean();
    if (!updated) throw new ConflictError('firm.last_owner', 'A firm needs at least one owner.');
    return updated;
  }

  /** Removes a person (owners, or people leaving themselves); the last owner cannot go. */
  async removeMember(actor: Actor, id: Types.ObjectId, userId: Types.ObjectId): Promise<Firm> {
    const firm = await this.get(id);
    if (!actor.userId.equals(userId)) assertFirmRole(firm, actor, ['owner']);
    const role = firmRoleOf(firm, userId);
    if (!role) throw new NotFoundError('firm.member_not_found', 'That person is not a member of this firm.');
    if (role === 'owner') await this.assertAnotherOwner(firm, userId);
    const updated = await this.firms
      .findOneAndUpdate(
        // Re-checking another owner inside the update makes two owners leaving at once safe.
        role === 'owner'
          ? { _id: id, members: { $elemMatch: { role: 'owner', userId: { $ne: userId } } } }
          : { _id: id },
        { $pull: { members: { userId } } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!updated) throw new ConflictError('firm.last_owner', 'A firm needs at least one owner.');
    return updated;
  }

  /** Marks a firm verified (or not); moderators and admins only. */
  async setVerified(actor: Actor, id: Types.ObjectId, verified: boolean): Promise<Firm> {
    if (!hasRole(actor.roles, 'moderator')) {
      throw new ForbiddenError('auth.forbidden', 'Only moderators can verify firms.');
    }
    const set = verified
      ? { verified: true, verifiedAt: this.now(), verifiedBy: actor.userId }
      : { verified: false };
    const updated = await this.firms
      .findByIdAndUpdate(id, verified ? { $set: set } : { $set: set, $unset: { verifiedAt: 1, verifiedBy: 1 } }, {
        returnDocument: 'after',
      })
      .lean();
    if (!updated) throw new NotFoundError('firm.not_found', 'No such firm.', { id: String(id) });
    await this.audit?.record(actor, verified ? 'firm.verified' : 'firm.unverified', { type: 'firm', id });
    return updated;
  }

  /** Names of the given firms, for listings that show who is asking. */
  async namesOf(ids: readonly Types.ObjectId[]): Promise<Map<string, { name: string; verified: boolean }>> {
    const firms = await this.firms.find({ _id: { $in: ids } }, { name: 1, verified: 1 }).lean();
    return new Map(firms.map((f) => [String(f._id), { name: f.name, verified: f.verified }]));
  }

  /** Firms the user belongs to. */
  async listMine(userId: Types.ObjectId): Promise<Firm[]> {
    return this.firms.find({ 'members.userId': userId }).sort({ name: 1 }).lean();
  }

  /** The public firm directory. */
  async list(query: FirmListQuery): Promise<Page<Firm>> {
    const filter: QueryFilter<Firm> = {};
    if (query.city) filter.city = query.city;
    if (query.sector) filter.sector = query.sector;
    if (query.verified !== undefined) filter.verified = query.verified;
    if (!query.q) {
      return paginate(this.firms, filter, { sortField: 'createdAt', direction: -1, cursor: query.cursor, limit: query.limit });
    }
    return searchPage(this.firms, filter, query.q, query);
  }

  /** /link merge step: memberships move to the survivor, keeping the stronger role where both belong. */
  async mergeUsers(from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
    for (const firm of await this.firms.find({ 'members.userId': from }).lean()) {
      const fromRole = firmRoleOf(firm, from);
      const intoRole = firmRoleOf(firm, into);
      const role: FirmRole = fromRole === 'owner' || intoRole === 'owner' ? 'owner' : 'staff';
      const members = firm.members.filter((m) => !m.userId.equals(from) && !m.userId.equals(into));
      const joined = firm.members.find((m) => m.userId.equals(into) || m.userId.equals(from));
      members.push({ userId: into, role, addedAt: joined?.addedAt ?? this.now() });
      await this.firms.updateOne({ _id: firm._id }, { $set: { members } });
    }
    // Invitations follow the person: one for the survivor is kept (or dropped if they are
    // already a member or already invited), and invitations they sent name the survivor.
    for (const firm of await this.firms.find({ $or: [{ 'invitations.userId': from }, { 'invitations.invitedBy': from }] }).lean()) {
      const invitations = firm.invitations
        .map((i) => ({ ...i, userId: i.userId.equals(from) ? into : i.userId, invitedBy: i.invitedBy.equals(from) ? into : i.invitedBy }))
        .filter((i, index, all) => !firm.members.some((m) => m.userId.equals(i.userId)) && all.findIndex((j) => j.userId.equals(i.userId)) === index);
      await this.firms.updateOne({ _id: firm._id }, { $set: { invitations } });
    }
  }

  private async assertAnotherOwner(firm: Firm, leaving: Types.ObjectId): Promise<void> {
    if (!firm.members.some((m) => m.role === 'owner' && !m.userId.equals(leaving))) {
      throw new ConflictError('firm.last_owner', 'A firm needs at least one owner.');
    }
  }
}
