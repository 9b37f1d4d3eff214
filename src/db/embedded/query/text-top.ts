import type { CollectionStore } from '../storage/collection-store.js';
import type { Doc } from '../storage/document-paths.js';
import { compareKeyed, MaxHeap, sortValue, type Keyed, type SortField } from './sort-order.js';
import { TEXT_SCORE_FIELD, type TextEngine, type TextQuery } from './text-engine.js';
import type { TextPostings } from './text-postings.js';

/** What the best text matches are chosen from: the collection, its postings, the query and the rest of the filter. */
export interface TextTopInput {
  store: CollectionStore;
  postings: TextPostings;
  query: TextQuery;
  engine: TextEngine;
  /** The filter besides $text. */
  test: (doc: Doc) => boolean;
}

/** True when the sort starts with the text score, so a top-k can skip matches by score alone. */
export function sortsByScoreFirst(fields: readonly SortField[]): boolean {
  return fields[0]?.path === TEXT_SCORE_FIELD;
}

/**
 * The first `want` matches of a $text query in an order that starts with the text score
 * (`{score: {$meta: 'textScore'}, …}`), with their scores, without scoring and sorting
 * every match. Scores come summed from the postings; while the bounded heap is full, a
 * candidate scoring below its worst cannot enter it, so that document is never read,
 * filtered or keyed. Ties go to the other sort keys, then natural order, exactly as
 * sortTop over all matches would order them.
 */
export function topTextMatches(input: TextTopInput, fields: SortField[], want: number): { doc: Doc; score: number }[] {
  const { store, postings, query, engine, test } = input;
  if (want <= 0) return [];
  const exact = engine.scoredByTermsAlone(query, postings.definition);
  const cmp = compareKeyed(fields);
  const heap = new MaxHeap<Keyed>(cmp);
  for (const [idKey, bound] of postings.termScores(query)) {
    const worst = heap.size >= want ? heap.peek() : undefined;
    // Score is the first key, highest first: a lower one sorts after everything kept.
    if (worst && bound < (worst.key[0] as number)) continue;
    const doc = store.getByKey(idKey);
    if (!doc || !test(doc)) continue;
    const score = exact ? bound : engine.scoreDocument(doc, postings.definition, query);
    if (score === null) continue;
    const key = fields.map((f) => (f.path === TEXT_SCORE_FIELD ? score : sortValue(doc, f)));
    const candidate: Keyed = { doc, key, order: store.seqOf(idKey) };
    if (!worst) heap.push(candidate);
    else if (cmp(candidate, worst) < 0) heap.replaceTop(candidate);
  }
  return heap.drain().sort(cmp).map((k) => ({ doc: k.doc, score: k.key[0] as number }));
}
