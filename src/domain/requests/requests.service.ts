import { Types, type Connection, type QueryFilter } from 'mongoose';
import { ConflictError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { assertFirmRole, firmRoleOf, type FirmsService } from '../firms/firms.service.js';
import type { NoticeType } from '../notices/notice.model.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { paginate, type Page } from '../shared/pagination.js';
import { searchPage, searchTextOf } from '../shared/text-search.js';
import { hasRole } from '../users/roles.js';
import { requestModel, type CollaborationRequest, type RequestStatus } from './request.model.js';
import type { CreateRequestInput, RequestListQuery, UpdateRequestInput } from './request.schemas.js';

type Texts = Pick<CollaborationRequest, 'title' | 'body' | 'skillsMust' | 'skillsNice' | 'city'>;

function searchable(r: Texts): string {
  return searchTextOf([r.title.vi, r.title.en, r.body.vi, r.body.en, r.skillsMust, r.skillsNice, r.city]);
}

/** Allowed status changes: where each one may start, and the notice it writes. */
const TRANSITIONS: Record<'publish' | 'close' | 'fill', { from: RequestStatus[]; to: RequestStatus; notice: NoticeType }> = {
  publish: { from: ['draft'], to: 'open', notice: 'request.published' },
  close: { from: ['open'], to: 'closed', notice: 'request.closed' },
  fill: { from: ['open', 'closed'], to: 'filled', notice: 'request.filled' },
};

/** Firms' collaboration requests: drafted and published by their members, browsed by everyone. */
export class RequestsService {
  constructor(
    private readonly connection: Connection,
    private readonly firms: FirmsService,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get requests() {
    return requestModel(this.connection);
  }

  /** Saves a new request as a draft of the firm; any member of the firm may. */
  async create(actor: Actor, firmId: Types.ObjectId, input: CreateRequestInput): Promise<CollaborationRequest> {
    assertFirmRole(await this.firms.get(firmId), actor);
    this.assertDeadlineAhead(input.deadline);
    const doc = await this.requests.create({
      ...input,
      firmId,
      createdBy: actor.userId,
      status: 'draft',
      searchText: searchable(input),
    });
    return doc.toObject();
  }

  /** Changes a draft or open request. */
  async update(actor: Actor, id: Types.ObjectId, change: UpdateRequestInput): Promise<CollaborationRequest> {
    const current = await this.getForMember(actor, id);
    if (current.status !== 'draft' && current.status !== 'open') {
      throw new ConflictError('request.not_editable', 'Closed or filled requests cannot be changed.', {
        status: current.status,
      });
    }
    this.assertDeadlineAhead(change.deadline);
    const next = { ...current, ...change };
    const updated = await this.requests
      .findOneAndUpdate(
        { _id: id, status: { $in: ['draft', 'open'] } },
        { $set: { ...change, searchText: searchable(next) } },
        { returnDocument: 'after', runValidators: true },
      )
      .lean();
    if (!updated) throw new ConflictError('request.not_editable', 'The request changed meanwhile; try again.');
    return updated;
  }

  /**
   * Moves a request to its next status and writes the notice in the same update.
   * Publishing needs a verified firm and a deadline still ahead.
   */
  async transition(actor: Actor, id: Types.ObjectId, action: keyof typeof TRANSITIONS): Promise<CollaborationRequest> {
    const current = await this.getForMember(actor, id);
    const rule = TRANSITIONS[action];
    if (action === 'publish') {
      const firm = await this.firms.get(current.firmId);
      if (!firm.verified) {
        throw new ValidationError('firm.unverified', 'Your firm must be verified before it can publish.');
      }
      this.assertDeadlineAhead(current.deadline);
    }
    const now = this.now();
    const stamp = action === 'publish' ? { publishedAt: now } : { closedAt: now };
    const notice = outboxEntry(rule.notice, { firmId: String(current.firmId), by: String(actor.userId) }, now);
    const updated = await this.requests
      .findOneAndUpdate(
        { _id: id, status: { $in: rule.from } },
        { $set: { status: rule.to, ...stamp }, $push: { outbox: notice } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!updated) {
      throw new ConflictError('request.illegal_transition', `A ${current.status} request cannot be ${rule.to}.`, {
        from: current.status,
        to: rule.to,
      });
    }
    await this.outbox.drain('request', id);
    return updated;
  }

  /**
   * Closes open requests whose deadline has passed (the daily schedule); each close writes a
   * `request.closed` notice with reason "deadline", so the firm is told. Returns how many.
   */
  async closePastDeadline(): Promise<number> {
    const now = this.now();
    const due = await this.requests.find({ status: 'open', deadline: { $lte: now } }, { _id: 1, firmId: 1 }).lean();
    let closed = 0;
    for (const { _id, firmId } of due) {
      const notice = outboxEntry('request.closed', { firmId: String(firmId), reason: 'deadline' }, now);
      const done = await this.requests.updateOne(
        { _id, status: 'open', deadline: { $lte: now } },
        { $set: { status: 'closed', closedAt: now }, $push: { outbox: notice } },
      );
      if (done.modifiedCount === 1) {
        closed += 1;
        await this.outbox.drain('request', _id);
      }
    }
    return closed;
  }

  /** A request as the caller may see it: drafts are visible to the firm's members only. */
  async get(actor: Actor | null, id: Types.ObjectId): Promise<CollaborationRequest> {
    const request = await this.requests.findById(id).lean();
    if (!request || (request.status === 'draft' && !(await this.isInsider(actor, request.firmId)))) {
      throw new NotFoundError('request.not_found', 'No such request.', { id: String(id) });
    }
    return request;
  }

  /** Open requests for everyone; a firm's members may also list its drafts and closed ones. */
  async list(actor: Actor | null, query: RequestListQuery): Promise<Page<CollaborationRequest>> {
    const filter: QueryFilter<CollaborationRequest> = {};
    const firmId = query.firmId ? new Types.ObjectId(query.firmId) : undefined;
    if (firmId) filter.firmId = firmId;
    const insider = firmId !== undefined && (await this.isInsider(actor, firmId));
    filter.status = insider ? (query.status ?? { $in: ['draft', 'open', 'closed', 'filled'] }) : 'open';
    if (!insider && query.status && query.status !== 'open') return { items: [], nextCursor: null };
    if (query.skills?.length) filter.$or = [{ skillsMust: { $in: query.skills } }, { skillsNice: { $in: query.skills } }];
    if (query.engagementType) filter.engagementType = query.engagementType;
    if (query.workMode) filter.workMode = query.workMode;
    if (query.q) return searchPage(this.requests, filter, query.q, query);
    return paginate(this.requests, filter, { sortField: 'createdAt', direction: -1, cursor: query.cursor, limit: query.limit });
  }

  /** The request, for one of its firm's members (or an admin); NotFound for everyone else. */
  async getForMember(actor: Actor, id: Types.ObjectId): Promise<CollaborationRequest> {
    const request = await this.requests.findById(id).lean();
    // Drafts stay invisible outside the firm, as in get(): a 403 would confirm they exist.
    if (!request || (request.status === 'draft' && !(await this.isInsider(actor, request.firmId)))) {
      throw new NotFoundError('request.not_found', 'No such request.', { id: String(id) });
    }
    assertFirmRole(await this.firms.get(request.firmId), actor);
    return request;
  }

  private async isInsider(actor: Actor | null, firmId: Types.ObjectId): Promise<boolean> {
    if (!actor) return false;
    if (hasRole(actor.roles, 'admin')) return true;
    const firm = await this.firms.get(firmId).catch(() => null);
    return firm !== null && firmRoleOf(firm, actor.userId) !== undefined;
  }

  private assertDeadlineAhead(deadline: Date | undefined): void {
    if (deadline && deadline.getTime() <= this.now().getTime()) {
      throw new ValidationError('request.deadline_past', 'The deadline must be in the future.');
    }
  }
}
