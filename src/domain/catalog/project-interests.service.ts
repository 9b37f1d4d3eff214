import type { Connection, QueryFilter, Types } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import type { FirmsService } from '../firms/firms.service.js';
import { paginate, type Page, type PageRequest } from '../shared/pagination.js';
import { hasRole } from '../users/roles.js';
import { presentContact, userModel, type Contact } from '../users/user.model.js';
import { speaksForOwner } from './project-access.js';
import { INTEREST_TTL_DAYS, projectInterestModel, type InterestStatus, type ProjectInterest } from './project-interest.model.js';
import { projectModel } from './project.model.js';

/** Which side of an interest the actor is on. */
export type InterestSide = 'requester' | 'owner' | 'admin';

/** What each side learns about the other once the owner accepted. */
export interface InterestContacts {
  requester: { displayName: string } & Contact;
  owner: { kind: 'firm' | 'programme'; name?: string; website?: string; person: { displayName: string } & Contact };
}

/** The names a list of interests shows, by id: project titles, requesters, owner firms. */
export interface InterestNames {
  projects: Map<string, { vi?: string; en?: string }>;
  people: Map<string, string>;
  firms: Map<string, string>;
}

const DAY_MS = 86_400_000;

/** Interest in investment projects, with the introductions' double opt-in: contacts only after a yes. */
export class ProjectInterestsService {
  constructor(
    private readonly connection: Connection,
    private readonly firms: FirmsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get interests() {
    return projectInterestModel(this.connection);
  }

  /** Someone (not of the owner's side) asks to be put in touch about a published project. */
  async express(actor: Actor, projectId: Types.ObjectId, message?: string): Promise<ProjectInterest> {
    const project = await projectModel(this.connection).findById(projectId).lean();
    if (!project || project.status === 'draft') {
      throw new NotFoundError('project.not_found', 'No such project.', { id: String(projectId) });
    }
    if (project.status !== 'published') throw new ConflictError('project.not_published', 'This project is closed.');
    if (await speaksForOwner(this.firms, actor, project.owner)) {
      throw new ValidationError('interest.own_project', 'You cannot express interest in your own project.');
    }
    const now = this.now();
    try {
      const created = await this.interests.create({
        projectId,
        owner: project.owner,
        requesterUserId: actor.userId,
        ...(message ? { message } : {}),
        status: 'requested',
        expiresAt: new Date(now.getTime() + INTEREST_TTL_DAYS * DAY_MS),
        activeKey: `${String(projectId)}:${String(actor.userId)}`,
      });
      return created.toObject();
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        throw new ConflictError('interest.exists', 'You already expressed interest in this project.');
      }
      throw error;
    }
  }

  /** The owner's side accepts or declines, once, before the interest expires. */
  async respond(actor: Actor, id: Types.ObjectId, answer: 'accept' | 'decline'): Promise<ProjectInterest> {
    const interest = await this.getVisible(actor, id);
    if ((await this.sideOf(actor, interest)) !== 'owner') {
      throw new ForbiddenError('interest.not_your_turn', 'Only the project’s owner answers this interest.');
    }
    return this.move(actor, interest, answer === 'accept' ? 'accepted' : 'declined');
  }

  /** The requester takes the interest back while it is unanswered. */
  async withdraw(actor: Actor, id: Types.ObjectId): Promise<ProjectInterest> {
    const interest = await this.getVisible(actor, id);
    if ((await this.sideOf(actor, interest)) !== 'requester') {
      throw new ForbiddenError('interest.not_requester', 'Only the person who asked can withdraw.');
    }
    return this.move(actor, interest, 'withdrawn');
  }

  /** The interest if the actor is on one of its sides (or an admin); NotFound otherwise. */
  async getVisible(actor: Actor, id: Types.ObjectId): Promise<ProjectInterest> {
    const interest = await this.interests.findById(id).lean();
    if (!interest || !(await this.sideOf(actor, interest).catch(() => undefined))) {
      throw new NotFoundError('interest.not_found', 'No such interest.', { id: String(id) });
    }
    return interest;
  }

  /** The actor's interests: those they expressed and those in projects they speak for. Newest first, a page at a time. */
  async listMine(actor: Actor, status: InterestStatus | undefined, page: PageRequest): Promise<Page<ProjectInterest>> {
    const firmIds = (await this.firms.listMine(actor.userId)).map((f) => f._id);
    const sides: QueryFilter<ProjectInterest>[] = [{ requesterUserId: actor.userId }, { 'owner.firmId': { $in: firmIds } }];
    if (hasRole(actor.roles, 'organiser')) sides.push({ 'owner.kind': 'programme' });
    const query: QueryFilter<ProjectInterest> = { $or: sides, ...(status ? { status } : {}) };
    return paginate(this.interests, query, { sortField: 'createdAt', direction: -1, ...page });
  }

  /** The project titles, requesters' names and owner firms' names of these interests, in three reads. */
  async namesOf(interests: readonly ProjectInterest[]): Promise<InterestNames> {
    const firmIds = interests.flatMap((i) => (i.owner.firmId ? [i.owner.firmId] : []));
    const [projects, people, firms] = await Promise.all([
      projectModel(this.connection).find({ _id: { $in: interests.map((i) => i.projectId) } }, { title: 1 }).lean(),
      userModel(this.connection).find({ _id: { $in: interests.map((i) => i.requesterUserId) } }, { displayName: 1 }).lean(),
      this.firms.namesOf(firmIds),
    ]);
    return {
      projects: new Map(projects.map((p) => [String(p._id), p.title])),
      people: new Map(people.map((u) => [String(u._id), u.displayName])),
      firms: new Map([...firms].map(([id, f]) => [id, f.name])),
    };
  }

  /** Which side the actor is on; throws when on neither. */
  async sideOf(actor: Actor, interest: Pick<ProjectInterest, 'requesterUserId' | 'owner'>): Promise<InterestSide> {
    if (interest.requesterUserId.equals(actor.userId)) return 'requester';
    if (await speaksForOwner(this.firms, actor, interest.owner)) return 'owner';
    if (hasRole(actor.roles, 'admin')) return 'admin';
    throw new NotFoundError('interest.not_found', 'No such interest.');
  }

  /** Both sides' contacts once accepted; null before. The owner is reached through the person who accepted. */
  async contacts(interest: ProjectInterest): Promise<InterestContacts | null> {
    if (interest.status !== 'accepted') return null;
    const users = userModel(this.connection);
    const [requester, person, firm] = await Promise.all([
      users.findById(interest.requesterUserId).lean(),
      interest.respondedBy ? users.findById(interest.respondedBy).lean() : null,
      interest.owner.firmId ? this.firms.get(interest.owner.firmId).catch(() => null) : null,
    ]);
    return {
      requester: { displayName: requester?.displayName ?? '', ...presentContact(requester?.contact) },
      owner: {
        kind: interest.owner.kind,
        ...(firm ? { name: firm.name, ...(firm.website ? { website: firm.website } : {}) } : {}),
        person: { displayName: person?.displayName ?? '', ...presentContact(person?.contact) },
      },
    };
  }

  /** Expires interests left unanswered for 14 days; returns how many. */
  async expireStale(): Promise<number> {
    const result = await this.interests.updateMany(
      { status: 'requested', expiresAt: { $lte: this.now() } },
      { $set: { status: 'expired' }, $unset: { activeKey: 1 } },
    );
    return result.modifiedCount;
  }

  /** /link merge step: the merged user's interests and answers become the survivor's. */
  async mergeUsers(from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
    // Both accounts interested in one project would collide on activeKey: the survivor's stays live.
    const survivors = await this.interests.find({ requesterUserId: into, activeKey: { $exists: true } }, { projectId: 1 }).lean();
    await this.interests.updateMany(
      { requesterUserId: from, projectId: { $in: survivors.map((s) => s.projectId) }, activeKey: { $exists: true } },
      { $set: { status: 'withdrawn' }, $unset: { activeKey: 1 } },
    );
    for (const row of await this.interests.find({ requesterUserId: from }, { activeKey: 1, projectId: 1 }).lean()) {
      const activeKey = row.activeKey ? { activeKey: `${String(row.projectId)}:${String(into)}` } : {};
      await this.interests.updateOne({ _id: row._id }, { $set: { requesterUserId: into, ...activeKey } });
    }
    await this.interests.updateMany({ respondedBy: from }, { $set: { respondedBy: into } });
  }

  /** One atomic step out of "requested": of two racing answers exactly one matches. */
  private async move(actor: Actor, interest: ProjectInterest, status: InterestStatus): Promise<ProjectInterest> {
    const now = this.now();
    if (interest.status === 'requested' && interest.expiresAt <= now) await this.expireStale();
    const keep = status === 'accepted' ? {} : { $unset: { activeKey: 1 } };
    const updated = await this.interests
      .findOneAndUpdate(
        { _id: interest._id, status: 'requested', expiresAt: { $gt: now } },
        { $set: { status, respondedAt: now, respondedBy: actor.userId }, ...keep },
        { returnDocument: 'after' },
      )
      .lean();
    if (!updated) {
      const latest = await this.interests.findById(interest._id, { status: 1 }).lean();
      const from = latest?.status ?? interest.status;
      throw new ConflictError('interest.illegal_transition', `This interest is already ${from}.`, { from, to: status });
    }
    return updated;
  }
}
