import type { Connection, QueryFilter, Types } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { expertModel } from '../experts/expert.model.js';
import { firmRoleOf, type FirmsService } from '../firms/firms.service.js';
import type { NoticeType } from '../notices/notice.model.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { requestModel } from '../requests/request.model.js';
import { paginate, type Page, type PageRequest } from '../shared/pagination.js';
import { hasRole } from '../users/roles.js';
import { presentContact, userModel, type Contact } from '../users/user.model.js';
import { INTRODUCTION_TTL_DAYS, introductionModel, type Introduction, type IntroductionStatus } from './introduction.model.js';

/** What each side learns about the other after both said yes. */
export interface IntroductionContacts {
  expert: { displayName: string } & Contact;
  firm: { name: string; website?: string; person: { displayName: string } & Contact };
}

/** Which side of an introduction the actor is on. */
export type Side = 'expert' | 'firm' | 'admin';

const DAY_MS = 86_400_000;

/** Consent-based introductions: nobody's contacts are shared until both sides said yes. */
export class IntroductionsService {
  constructor(
    private readonly connection: Connection,
    private readonly firms: FirmsService,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get introductions() {
    return introductionModel(this.connection);
  }

  /** An expert asks to be introduced to the firm behind an open request. */
  async expressInterest(actor: Actor, requestId: Types.ObjectId, message?: string): Promise<Introduction> {
    const expert = await expertModel(this.connection).findOne({ userId: actor.userId }).lean();
    if (!expert) throw new ValidationError('introduction.needs_profile', 'Create your expert profile first.');
    const request = await this.openRequest(requestId);
    if (firmRoleOf(await this.firms.get(request.firmId), actor.userId)) {
      throw new ValidationError('introduction.own_firm', 'You cannot apply to your own firm’s request.');
    }
    return this.open(actor, { requestId, firmId: request.firmId, expertId: expert._id, expertUserId: expert.userId }, 'expert', message);
  }

  /** A firm member invites an expert to an open request of their firm. */
  async invite(actor: Actor, requestId: Types.ObjectId, expertId: Types.ObjectId, message?: string): Promise<Introduction> {
    const request = await this.openRequest(requestId);
    const firm = await this.firms.get(request.firmId);
    if (!firmRoleOf(firm, actor.userId)) throw new ForbiddenError('firm.not_member', 'Only members of this firm may invite.');
    const expert = await expertModel(this.connection).findById(expertId).lean();
    if (!expert) throw new NotFoundError('expert.not_found', 'No such expert.', { id: String(expertId) });
    return this.open(actor, { requestId, firmId: request.firmId, expertId, expertUserId: expert.userId }, 'firm', message);
  }

  /** The side that did not start the introduction accepts or declines it, once. */
  async respond(actor: Actor, id: Types.ObjectId, answer: 'accept' | 'decline'): Promise<Introduction> {
    const intro = await this.getVisible(actor, id);
    const side = await this.sideOf(actor, intro);
    if (side === intro.initiator || side === 'admin') {
      throw new ForbiddenError('introduction.not_your_turn', 'The other side must answer this introduction.');
    }
    const status: IntroductionStatus = answer === 'accept' ? 'accepted' : 'declined';
    return this.move(actor, intro, status, `introduction.${status}` as NoticeType);
  }

  /** The side that started the introduction takes it back while it is still unanswered. */
  async withdraw(actor: Actor, id: Types.ObjectId): Promise<Introduction> {
    const intro = await this.getVisible(actor, id);
    if ((await this.sideOf(actor, intro)) !== intro.initiator) {
      throw new ForbiddenError('introduction.not_initiator', 'Only the side that asked can withdraw.');
    }
    return this.move(actor, intro, 'withdrawn', 'introduction.withdrawn');
  }

  /** The introduction if the actor is on one of its sides (or an admin); NotFound otherwise. */
  async getVisible(actor: Actor, id: Types.ObjectId): Promise<Introduction> {
    const intro = await this.introductions.findById(id).lean();
    if (!intro || !(await this.sideOf(actor, intro).catch(() => undefined))) {
      throw new NotFoundError('introduction.not_found', 'No such introduction.', { id: String(id) });
    }
    return intro;
  }

  /** The actor's introductions: as the expert, and as a member of any firm. Newest first, a page at a time. */
  async listMine(actor: Actor, filter: { status?: IntroductionStatus | undefined }, page: PageRequest): Promise<Page<Introduction>> {
    const firmIds = (await this.firms.listMine(actor.userId)).map((f) => f._id);
    const query: QueryFilter<Introduction> = { $or: [{ expertUserId: actor.userId }, { firmId: { $in: firmIds } }] };
    if (filter.status) query.status = filter.status;
    return paginate(this.introductions, query, { sortField: 'createdAt', direction: -1, ...page });
  }

  /**
   * Each side's contact details — only once the introduction is accepted; null before.
   * The firm is reached through the member who started or answered the introduction.
   */
  async contacts(intro: Introduction): Promise<IntroductionContacts | null> {
    if (intro.status !== 'accepted') return null;
    const firmPersonId = intro.initiator === 'firm' ? intro.initiatedBy : intro.respondedBy;
    const users = userModel(this.connection);
    const [expertUser, firmPerson, firm] = await Promise.all([
      users.findById(intro.expertUserId).lean(),
      firmPersonId ? users.findById(firmPersonId).lean() : null,
      this.firms.get(intro.firmId),
    ]);
    return {
      expert: { displayName: expertUser?.displayName ?? '', ...presentContact(expertUser?.contact) },
      firm: {
        name: firm.name,
        ...(firm.website ? { website: firm.website } : {}),
        person: { displayName: firmPerson?.displayName ?? '', ...presentContact(firmPerson?.contact) },
      },
    };
  }

  /** Expires introductions left unanswered for 14 days; returns how many. */
  async expireStale(): Promise<number> {
    const now = this.now();
    const stale = await this.introductions.find({ status: 'requested', expiresAt: { $lte: now } }, { _id: 1 }).lean();
    let expired = 0;
    for (const { _id } of stale) {
      const done = await this.introductions.updateOne(
        { _id, status: 'requested' },
        {
          $set: { status: 'expired' },
          $unset: { activeKey: 1 },
          $push: { outbox: outboxEntry('introduction.expired', {}, now) },
        },
      );
      if (done.modifiedCount === 1) {
        expired += 1;
        await this.outbox.drain('introduction', _id);
      }
    }
    return expired;
  }

  /** /link merge step: the merged user's introductions become the survivor's. */
  async mergeUsers(from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
    await this.introductions.updateMany({ expertUserId: from }, { $set: { expertUserId: into } });
    await this.introductions.updateMany({ initiatedBy: from }, { $set: { initiatedBy: into } });
    await this.introductions.updateMany({ respondedBy: from }, { $set: { respondedBy: into } });
  }

  /** Which side the actor is on; throws when on neither. */
  async sideOf(actor: Actor, intro: Pick<Introduction, 'expertUserId' | 'firmId'>): Promise<Side> {
    if (intro.expertUserId.equals(actor.userId)) return 'expert';
    const firm = await this.firms.get(intro.firmId);
    if (firmRoleOf(firm, actor.userId)) return 'firm';
    if (hasRole(actor.roles, 'admin')) return 'admin';
    throw new NotFoundError('introduction.not_found', 'No such introduction.');
  }

  private async openRequest(requestId: Types.ObjectId) {
    const request = await requestModel(this.connection).findById(requestId).lean();
    if (!request || request.status === 'draft') {
      throw new NotFoundError('request.not_found', 'No such request.', { id: String(requestId) });
    }
    if (request.status !== 'open') throw new ConflictError('request.not_open', 'This request is no longer open.');
    return request;
  }

  private async open(
    actor: Actor,
    parties: Pick<Introduction, 'requestId' | 'firmId' | 'expertId' | 'expertUserId'>,
    initiator: 'expert' | 'firm',
    message: string | undefined,
  ): Promise<Introduction> {
    const now = this.now();
    try {
      const created = await this.introductions.create({
        ...parties,
        initiator,
        initiatedBy: actor.userId,
        ...(message ? { message } : {}),
        status: 'requested',
        expiresAt: new Date(now.getTime() + INTRODUCTION_TTL_DAYS * DAY_MS),
        activeKey: `${String(parties.requestId)}:${String(parties.expertId)}`,
        outbox: [outboxEntry('introduction.requested', { initiator }, now)],
      });
      await this.outbox.drain('introduction', created._id);
      return (await this.introductions.findById(created._id).lean()) as Introduction;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        throw new ConflictError('introduction.exists', 'There is already an introduction for this expert and request.');
      }
      throw error;
    }
  }

  /** One atomic step out of "requested": a second answer racing this one finds nothing to change. */
  private async move(actor: Actor, intro: Introduction, status: IntroductionStatus, notice: NoticeType): Promise<Introduction> {
    const now = this.now();
    if (intro.status === 'requested' && intro.expiresAt <= now) await this.expireStale();
    const keep = status === 'accepted' ? {} : { $unset: { activeKey: 1 } };
    const updated = await this.introductions
      .findOneAndUpdate(
        { _id: intro._id, status: 'requested', expiresAt: { $gt: now } },
        {
          $set: { status, respondedAt: now, respondedBy: actor.userId },
          ...keep,
          $push: { outbox: outboxEntry(notice, { by: String(actor.userId) }, now) },
        },
        { returnDocument: 'after' },
      )
      .lean();
    if (!updated) {
      const latest = await this.introductions.findById(intro._id, { status: 1 }).lean();
      throw new ConflictError('introduction.illegal_transition', `This introduction is already ${latest?.status ?? intro.status}.`, {
        from: latest?.status ?? intro.status,
        to: status,
      });
    }
    await this.outbox.drain('introduction', intro._id);
    return updated;
  }
}
