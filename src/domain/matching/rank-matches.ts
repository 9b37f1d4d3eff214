import type { MatchResult } from './match-score.js';

/**
 * Best matches first, ties broken by `tiebreak` ascending so the order never depends on
 * the database. Drops candidates scoring 0 and, when the request names must-have skills,
 * those who have none of them.
 */
export function rankMatches<T>(
  candidates: readonly T[],
  score: (candidate: T) => MatchResult,
  limit: number,
  tiebreak: (candidate: T) => string,
): T[] {
  return candidates
    .map((candidate) => ({ candidate, result: score(candidate), key: tiebreak(candidate) }))
    .filter(({ result }) => {
      const { matchedMust, missingMust } = result.explanation;
      return result.score > 0 && (matchedMust.length > 0 || missingMust.length === 0);
    })
    .sort((a, b) => b.result.score - a.result.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    // A negative limit would make slice() drop from the end instead of returning nothing.
    .slice(0, Math.max(0, limit))
    .map(({ candidate }) => candidate);
}
