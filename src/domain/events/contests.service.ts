import type { Connection, Types } from 'mongoose';
import { ConflictError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { paginate, type Page, type PageRequest } from '../shared/pagination.js';
import { isEventOrganiser, type EventsService } from './events.service.js';
import { eventModel, type ProgrammeEvent } from './event.model.js';
import type { ResultsInput, SubmissionInput } from './event.schemas.js';
import { submissionModel, type Submission } from './contest.model.js';

/** Published results: the ranking with each submission's public fields. */
export interface ContestStanding {
  rank: number;
  prize?: string;
  submission: Submission;
}

/** Contest entries within the submission window, and results published by organisers. */
export class ContestsService {
  constructor(
    private readonly connection: Connection,
    private readonly events: EventsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get submissions() {
    return submissionModel(this.connection);
  }

  /** Creates or replaces the caller's one entry while the window is open. */
  async submit(actor: Actor, eventId: Types.ObjectId, input: SubmissionInput): Promise<{ submission: Submission; created: boolean }> {
    const contest = await this.contest(actor, eventId);
    if (contest.status !== 'published') throw new ConflictError('event.not_published', 'This contest is not open.');
    const now = this.now().getTime();
    const window = contest.contest as NonNullable<ProgrammeEvent['contest']>;
    if (now < window.opensAt.getTime() || now >= window.closesAt.getTime()) {
      throw new ConflictError('contest.closed', 'Submissions are accepted only while the contest is open.', {
        opensAt: window.opensAt.toISOString(),
        closesAt: window.closesAt.toISOString(),
      });
    }
    const before = await this.submissions.exists({ eventId, userId: actor.userId });
    const set = { title: input.title, link: input.link, ...(input.description ? { description: input.description } : {}) };
    const submission = await this.submissions
      .findOneAndUpdate(
        { eventId, userId: actor.userId },
        { $set: set, ...(input.description ? {} : { $unset: { description: 1 } }) },
        { upsert: true, returnDocument: 'after', runValidators: true },
      )
      .lean();
    return { submission: submission as Submission, created: before === null };
  }

  /** All entries for the contest's organisers; everyone else sees only their own. */
  async list(actor: Actor, eventId: Types.ObjectId, page: PageRequest): Promise<Page<Submission>> {
    const contest = await this.contest(actor, eventId);
    const filter = isEventOrganiser(actor, contest) ? { eventId } : { eventId, userId: actor.userId };
    return paginate(this.submissions, filter, { sortField: 'createdAt', direction: 1, ...page });
  }

  /** Publishes the ranking once the window has closed; publishing again replaces it. */
  async publishResults(actor: Actor, eventId: Types.ObjectId, input: ResultsInput): Promise<ContestStanding[]> {
    const contest = await this.contest(actor, eventId);
    await this.events.getForOrganiser(actor, eventId);
    if (contest.status !== 'published') throw new ConflictError('event.not_published', 'This contest is not published.');
    if (this.now().getTime() < (contest.contest?.closesAt.getTime() ?? 0)) {
      throw new ConflictError('contest.still_open', 'Results can be published after submissions close.');
    }
    const ids = input.ranking.map((r) => r.submissionId);
    const known = await this.submissions.countDocuments({ _id: { $in: ids }, eventId });
    if (known !== ids.length) throw new ValidationError('contest.unknown_submission', 'Every ranked id must be a submission to this contest.');
    const ranking = input.ranking.map((r) => ({ submissionId: r.submissionId, ...(r.prize ? { prize: r.prize } : {}) }));
    await eventModel(this.connection).updateOne({ _id: eventId }, { $set: { results: { ranking, publishedAt: this.now() } } });
    return this.results(actor, eventId);
  }

  /** The published ranking, for everyone; NotFound until organisers publish it. */
  async results(actor: Actor | null, eventId: Types.ObjectId): Promise<ContestStanding[]> {
    const contest = await this.contest(actor, eventId);
    if (!contest.results) throw new NotFoundError('contest.no_results', 'The results are not published yet.');
    const entries = await this.submissions.find({ _id: { $in: contest.results.ranking.map((r) => r.submissionId) } }).lean();
    const byId = new Map(entries.map((s) => [String(s._id), s]));
    return contest.results.ranking.flatMap((r, i) => {
      const submission = byId.get(String(r.submissionId));
      return submission ? [{ rank: i + 1, ...(r.prize ? { prize: r.prize } : {}), submission }] : [];
    });
  }

  private async contest(actor: Actor | null, eventId: Types.ObjectId): Promise<ProgrammeEvent> {
    const event = await this.events.get(actor, eventId);
    if (event.kind !== 'contest' || !event.contest) {
      throw new ValidationError('event.not_contest', 'This event is not a contest.', { kind: event.kind });
    }
    return event;
  }
}
