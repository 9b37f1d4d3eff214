import type { Connection, Types } from 'mongoose';
import type { Locale } from '../../i18n/messages.js';
import type { Actor } from '../auth/api-token.service.js';
import { NotFoundError } from '../app-error.js';
import { expertModel, type ExpertProfile } from '../experts/expert.model.js';
import type { RequestsService } from '../requests/requests.service.js';
import { requestModel, type CollaborationRequest } from '../requests/request.model.js';
import type { EngagementType } from '../shared/constants.js';
import { explainMatch } from './explain-match.js';
import { scoreMatch, type MatchResult } from './match-score.js';
import { rankMatches } from './rank-matches.js';

/** How many candidates the indexed pre-selection hands to the scorer at most. */
const CANDIDATE_CAP = 2000;

/** One ranked match with its reasons, structured and as a sentence in the reader's language. */
export interface Match<T> {
  item: T;
  result: MatchResult;
  reasons: string;
}

/**
 * Matching between open requests and expert profiles. Candidates come from the skill
 * indexes (anyone sharing at least one skill), then every candidate is scored and explained.
 */
export class MatchingService {
  constructor(
    private readonly connection: Connection,
    private readonly requests: RequestsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The best experts for a request; for the firm's members. */
  async expertsForRequest(actor: Actor, requestId: Types.ObjectId, limit: number, locale: Locale): Promise<Match<ExpertProfile>[]> {
    const request = await this.requests.getForMember(actor, requestId);
    const skills = [...request.skillsMust, ...request.skillsNice];
    const candidates = await expertModel(this.connection)
      .find({ skills: { $in: skills }, userId: { $ne: actor.userId } })
      .limit(CANDIDATE_CAP)
      .lean();
    return this.rank(candidates, (expert) => scoreMatch(expert, request, this.now()), limit, locale, () => request.engagementType);
  }

  /** Experts to tell about a newly published request: userId and score, best first. */
  async expertsForNewRequest(requestId: Types.ObjectId, limit: number): Promise<{ userId: Types.ObjectId; score: number }[]> {
    const request = await requestModel(this.connection).findById(requestId).lean();
    if (!request || request.status !== 'open') return [];
    const candidates = await expertModel(this.connection)
      .find({ skills: { $in: [...request.skillsMust, ...request.skillsNice] } })
      .limit(CANDIDATE_CAP)
      .lean();
    const scored = new Map(candidates.map((c) => [c, scoreMatch(c, request, this.now())]));
    return rankMatches(candidates, (c) => scored.get(c) as MatchResult, limit, (c) => String(c._id))
      .filter((c) => !request.createdBy.equals(c.userId))
      .map((c) => ({ userId: c.userId, score: (scored.get(c) as MatchResult).score }));
  }

  /** The best open requests for the actor's expert profile. */
  async requestsForExpert(actor: Actor, limit: number, locale: Locale): Promise<Match<CollaborationRequest>[]> {
    const expert = await expertModel(this.connection).findOne({ userId: actor.userId }).lean();
    if (!expert) throw new NotFoundError('expert.not_found', 'Create your expert profile to see matches.');
    const requests = requestModel(this.connection);
    const [must, nice] = await Promise.all([
      requests.find({ status: 'open', skillsMust: { $in: expert.skills } }).limit(CANDIDATE_CAP).lean(),
      requests.find({ status: 'open', skillsNice: { $in: expert.skills } }).limit(CANDIDATE_CAP).lean(),
    ]);
    const unique = new Map([...must, ...nice].map((r) => [String(r._id), r]));
    return this.rank(
      [...unique.values()],
      (request) => scoreMatch(expert, request, this.now()),
      limit,
      locale,
      (request) => request.engagementType,
    );
  }

  private rank<T extends { _id: Types.ObjectId }>(
    candidates: T[],
    score: (c: T) => MatchResult,
    limit: number,
    locale: Locale,
    engagementOf: (c: T) => EngagementType,
  ): Match<T>[] {
    const scored = new Map(candidates.map((c) => [c, score(c)]));
    return rankMatches(candidates, (c) => scored.get(c) as MatchResult, limit, (c) => String(c._id)).map((item) => {
      const result = scored.get(item) as MatchResult;
      return { item, result, reasons: explainMatch(result, locale, engagementOf(item)) };
    });
  }
}
