import { Types, type Connection, type QueryFilter } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { assertFirmRole, type FirmsService } from '../firms/firms.service.js';
import { foldForSearch } from '../shared/fold-text.js';
import { paginate, type Page } from '../shared/pagination.js';
import { searchPage, searchTextOf } from '../shared/text-search.js';
import { hasRole } from '../users/roles.js';
import type { CreateProjectInput, ProjectListQuery, UpdateProjectInput } from './catalog.schemas.js';
import { editableOwnerFilter, mayEditProject } from './project-access.js';
import { projectModel, type InvestmentProject, type ProjectOwner, type ProjectStatus } from './project.model.js';

type Texts = Pick<InvestmentProject, 'title' | 'summary' | 'sector' | 'city'>;

function searchable(p: Texts): string {
  return searchTextOf([p.title.vi, p.title.en, p.summary.vi, p.summary.en, p.sector, p.city]);
}

const TRANSITIONS: Record<'publish' | 'close', { from: ProjectStatus[]; to: ProjectStatus }> = {
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
};

function notFound(id: Types.ObjectId): NotFoundError {
  return new NotFoundError('project.not_found', 'No such project.', { id: String(id) });
}

/** Projects calling for investment: drafted by a firm or the programme, browsed by everyone. */
export class ProjectsService {
  constructor(
    private readonly connection: Connection,
    private readonly firms: FirmsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get projects() {
    return projectModel(this.connection);
  }

  /** Saves a draft owned by the given firm (its members) or, without one, by the programme (organisers). */
  async create(actor: Actor, input: CreateProjectInput): Promise<InvestmentProject> {
    const { ownerFirmId, ...fields } = input;
    let owner: ProjectOwner;
    if (ownerFirmId) {
      const firmId = new Types.ObjectId(ownerFirmId);
      assertFirmRole(await this.firms.get(firmId), actor);
      owner = { kind: 'firm', firmId };
    } else {
      if (!hasRole(actor.roles, 'organiser')) {
        throw new ForbiddenError('project.programme_only', 'Only organisers may add projects of the programme; name your firm.');
      }
      owner = { kind: 'programme' };
    }
    const doc = await this.projects.create({
      ...fields,
      sectorKey: foldForSearch(fields.sector),
      owner,
      createdBy: actor.userId,
      status: 'draft',
      searchText: searchable(fields),
    });
    return doc.toObject();
  }

  /** A project as the caller may see it: drafts only for those who may edit them. */
  async get(actor: Actor | null, id: Types.ObjectId): Promise<InvestmentProject> {
    const project = await this.projects.findById(id).lean();
    if (!project || (project.status === 'draft' && !(await mayEditProject(this.firms, actor, project.owner)))) throw notFound(id);
    return project;
  }

  /** The project, for someone who may edit it; NotFound for hidden drafts, Forbidden otherwise. */
  async getForEditor(actor: Actor, id: Types.ObjectId): Promise<InvestmentProject> {
    const project = await this.get(actor, id);
    if (!(await mayEditProject(this.firms, actor, project.owner))) {
      throw new ForbiddenError('project.not_owner', 'Only the project’s owner may do this.');
    }
    return project;
  }

  /** Changes a draft or published project. */
  async update(actor: Actor, id: Types.ObjectId, change: UpdateProjectInput): Promise<InvestmentProject> {
    const current = await this.getForEditor(actor, id);
    if (current.status === 'closed') throw new ConflictError('project.not_editable', 'A closed project cannot be changed.');
    const next = { ...current, ...change };
    const set = { ...change, searchText: searchable(next), ...(change.sector ? { sectorKey: foldForSearch(change.sector) } : {}) };
    const updated = await this.projects
      .findOneAndUpdate({ _id: id, status: { $in: ['draft', 'published'] } }, { $set: set }, { returnDocument: 'after', runValidators: true })
      .lean();
    if (!updated) throw new ConflictError('project.not_editable', 'The project changed meanwhile; try again.');
    return updated;
  }

  /** Publishes a draft (a firm's must be verified) or closes a published project. */
  async transition(actor: Actor, id: Types.ObjectId, action: keyof typeof TRANSITIONS): Promise<InvestmentProject> {
    const current = await this.getForEditor(actor, id);
    const rule = TRANSITIONS[action];
    if (action === 'publish' && current.owner.firmId && !(await this.firms.get(current.owner.firmId)).verified) {
      throw new ValidationError('firm.unverified', 'Your firm must be verified before it can publish.');
    }
    const stamp = action === 'publish' ? { publishedAt: this.now() } : { closedAt: this.now() };
    const updated = await this.projects
      .findOneAndUpdate({ _id: id, status: { $in: rule.from } }, { $set: { status: rule.to, ...stamp } }, { returnDocument: 'after' })
      .lean();
    if (!updated) {
      throw new ConflictError('project.illegal_transition', `A ${current.status} project cannot be ${rule.to}.`, {
        from: current.status,
        to: rule.to,
      });
    }
    return updated;
  }

  /** Published projects for everyone; drafts and closed ones only among those the caller may edit. */
  async list(actor: Actor | null, query: ProjectListQuery): Promise<Page<InvestmentProject>> {
    const status = query.status ?? 'published';
    const clauses: QueryFilter<InvestmentProject>[] = [{ status }];
    if (status !== 'published') {
      const scope = await editableOwnerFilter(this.firms, actor);
      if (!scope) return { items: [], nextCursor: null };
      clauses.push(scope as QueryFilter<InvestmentProject>);
    }
    if (query.ownerFirmId) clauses.push({ 'owner.firmId': new Types.ObjectId(query.ownerFirmId) });
    if (query.sector) clauses.push({ sectorKey: foldForSearch(query.sector) });
    if (query.stage) clauses.push({ stage: query.stage });
    if (query.city) clauses.push({ city: query.city });
    // Two ranges overlap when each starts before the other ends.
    if (query.amountMin !== undefined) clauses.push({ 'amountUsd.max': { $gte: query.amountMin } });
    if (query.amountMax !== undefined) clauses.push({ 'amountUsd.min': { $lte: query.amountMax } });
    const filter = { $and: clauses } as QueryFilter<InvestmentProject>;
    if (query.q) return searchPage(this.projects, filter, query.q, query);
    return paginate(this.projects, filter, { sortField: 'createdAt', direction: -1, cursor: query.cursor, limit: query.limit });
  }
}
