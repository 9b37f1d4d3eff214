import type { ExpertProfile } from '../experts/expert.model.js';
import { normaliseSkills } from '../experts/skill-tags.js';
import type { CollaborationRequest } from '../requests/request.model.js';
import { DEFAULT_EXPERT_HOURS, overlapHours } from './working-hours-overlap.js';

// Must-have skills decide most of a match: a firm cannot use an expert without them.
const WEIGHT_MUST = 50;
// Nice-to-have skills separate otherwise equal candidates.
const WEIGHT_NICE = 15;
// The kind of engagement (consulting, placement, investment…) must suit both sides.
const WEIGHT_ENGAGEMENT = 15;
// Remote work needs shared hours; four a day is enough for daily calls.
const WEIGHT_OVERLAP = 12;
const FULL_OVERLAP_HOURS = 4;
// A shared working language matters, but most experts speak vi and en.
const WEIGHT_LANGUAGE = 8;
// Availability scales the whole score rather than adding to it.
const AVAILABILITY_FACTOR = { available: 1, limited: 0.8, unavailable: 0.3 } as const;

export interface MatchExplanation {
  matchedMust: string[];
  missingMust: string[];
  matchedNice: string[];
  engagementMatches: boolean;
  sharedLanguages: string[];
  overlapHours: number;
  availability: 'available' | 'limited' | 'unavailable';
}

export interface MatchResult {
  /** 0..100, integer. */
  score: number;
  explanation: MatchExplanation;
}

type ExpertSide = Pick<ExpertProfile, 'skills' | 'languages' | 'timezone' | 'engagementTypes' | 'availability'>;
type RequestSide = Pick<
  CollaborationRequest,
  'skillsMust' | 'skillsNice' | 'engagementType' | 'languages' | 'timezoneWindow' | 'workMode'
>;

/** Scores how well an expert fits a request; the same inputs always give the same result. */
export function scoreMatch(expert: ExpertSide, request: RequestSide, at: Date): MatchResult {
  const skills = new Set(normaliseSkills(expert.skills));
  const must = normaliseSkills(request.skillsMust);
  const nice = normaliseSkills(request.skillsNice);
  const matchedMust = must.filter((s) => skills.has(s));
  const matchedNice = nice.filter((s) => skills.has(s));
  const sharedLanguages = request.languages.filter((l) => expert.languages.includes(l));
  const engagementMatches = expert.engagementTypes.includes(request.engagementType);
  const hours = overlapHours({ timezone: expert.timezone, ...DEFAULT_EXPERT_HOURS }, request.timezoneWindow, at);
  // An onsite expert travels and works the firm's hours, so overlap does not limit them.
  const overlapShare = request.workMode === 'onsite' ? 1 : Math.min(hours / FULL_OVERLAP_HOURS, 1);
  const raw =
    WEIGHT_MUST * (must.length === 0 ? 1 : matchedMust.length / must.length) +
    // No wishes beyond the must-haves means nothing is missing: a perfect fit can reach 100.
    WEIGHT_NICE * (nice.length === 0 ? 1 : matchedNice.length / nice.length) +
    WEIGHT_ENGAGEMENT * (engagementMatches ? 1 : 0) +
    WEIGHT_OVERLAP * overlapShare +
    WEIGHT_LANGUAGE * (sharedLanguages.length > 0 ? 1 : 0);
  return {
    score: Math.round(raw * AVAILABILITY_FACTOR[expert.availability]),
    explanation: {
      matchedMust,
      missingMust: must.filter((s) => !skills.has(s)),
      matchedNice,
      engagementMatches,
      sharedLanguages,
      overlapHours: hours,
      availability: expert.availability,
    },
  };
}
