/** The reactions a thread or post can receive; a small fixed set keeps counts cheap. */
export const REACTION_KINDS = ['like', 'insightful', 'thanks'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

/** Per-kind counters kept on the target document. */
export type ReactionCounts = Record<ReactionKind, number>;

/** Counters of a stored target, zero for kinds it has never received. */
export function countsOf(stored: Partial<ReactionCounts> | undefined): ReactionCounts {
  return Object.fromEntries(REACTION_KINDS.map((kind) => [kind, stored?.[kind] ?? 0])) as ReactionCounts;
}

/** The mongoose definition of the counters, all starting at zero. */
export const reactionCountsDefinition = Object.fromEntries(
  REACTION_KINDS.map((kind) => [kind, { type: Number, default: 0 }]),
) as Record<ReactionKind, { type: NumberConstructor; default: number }>;
