import type { AccessPlan } from './plan-trace.js';
import type { CollectionStore } from '../storage/collection-store.js';
import type { Doc } from '../storage/document-paths.js';
import type { IndexEntry, SecondaryIndex } from '../storage/secondary-index.js';
import type { IndexPredicate } from './index-predicates.js';
import { noteKeyExamined, notePlan } from './plan-trace.js';
import { sortTop, type SortField } from './sort-order.js';

/** What the planner needs about one read: the full filter test, the sort, and how many results matter. */
export interface PlanInput {
  predicates: Map<string, IndexPredicate[]>;
  test: (doc: Doc) => boolean;
  sort?: SortField[] | undefined;
  /** skip + limit, when there is a limit: the read may stop after this many matches. */
  want?: number | undefined;
}

/** An index walk in sort order: the equality prefix it is confined to, and the direction. */
interface SortWalk { index: SecondaryIndex; prefix: unknown[]; reverse: boolean; width: number }

// Candidate sets larger than this share of the collection are worth less than a plain scan.
const CANDIDATE_SHARE = 0.25;
// Cartesian products of $in lists beyond this many lookups are not expanded.
const MAX_LOOKUPS = 256;

/**
 * The stored documents matching the read, sorted (or in natural order), cut to `want`.
 * Index lookups only choose which documents to test: every result passes the full filter,
 * so a plan can cost time but never change the answer.
 */
export function executePlan(store: CollectionStore, input: PlanInput): Doc[] {
  const { sort, want, test } = input;
  const walk = sort ? bestSortWalk(store, input.predicates, sort) : null;
  if (walk && walk.prefix.length > 0) return runWalk(store, noteWalk(walk), test, want);
  const best = bestCandidates(store, input.predicates);
  const candidates = best?.keys ?? null;
  // Walk the sort index (skipping non-candidates) when matches are dense enough that the first
  // `want` come early; otherwise test the few candidates and pick the top ones.
  const denseEnough = candidates === null || (want !== undefined && candidates.size ** 2 > want * store.size);
  if (walk && denseEnough) return runWalk(store, noteWalk(walk), test, want, candidates ?? undefined);
  if (best) notePlan(ixscan(best.index, best.bounds, false, false));
  else notePlan({ kind: 'collscan' });
  const pool = candidates ? inNaturalOrder(store, candidates) : store.values();
  if (sort) return sortTop(firstMatches(pool, test, undefined), sort, want);
  return firstMatches(pool, test, want);
}

/** An index scan as explain describes it. */
function ixscan(index: SecondaryIndex, bounds: unknown[][], backward: boolean, providesSort: boolean): AccessPlan {
  return { kind: 'ixscan', indexName: index.name, keyPattern: index.spec.key as Doc, bounds, backward, unique: index.spec.unique === true, multiKey: index.isMultikey, providesSort };
}

function noteWalk(walk: SortWalk): SortWalk {
  notePlan(ixscan(walk.index, walk.prefix.map((v) => [v]), walk.reverse, true));
  return walk;
}

function firstMatches(pool: Iterable<Doc>, test: (doc: Doc) => boolean, want: number | undefined): Doc[] {
  const out: Doc[] = [];
  if (want === 0) return out;
  for (const doc of pool) {
    if (test(doc) && out.push(doc) === want) break;
  }
  return out;
}

function inNaturalOrder(store: CollectionStore, idKeys: Set<string>): Doc[] {
  const keys = [...idKeys].sort((a, b) => store.seqOf(a) - store.seqOf(b));
  const docs: Doc[] = [];
  for (const key of keys) {
    const doc = store.getByKey(key);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** The first equality value of a path, if the filter pins it to one value. */
function pinnedValue(predicates: IndexPredicate[] | undefined): { value: unknown } | null {
  const p = predicates?.find((q) => q.kind === 'eq' || (q.kind === 'in' && q.values.length === 1));
  return p ? { value: p.values[0] } : null;
}

/**
 * An index whose order serves the sort: after a prefix of fields pinned by equality, the sort
 * keys (minus pinned ones) must be the next index fields, all in index direction or all
 * reversed. Multikey indexes are refused: they order a document by each of its elements.
 */
function bestSortWalk(store: CollectionStore, predicates: Map<string, IndexPredicate[]>, sort: SortField[]): SortWalk | null {
  let best: SortWalk | null = null;
  for (const index of store.indexes.plannable()) {
    if (index.isMultikey) continue;
    const prefix: unknown[] = [];
    for (const field of index.fields) {
      const pinned = pinnedValue(predicates.get(field.path));
      if (!pinned) break;
      prefix.push(pinned.value);
    }
    const pinnedPaths = new Set(index.fields.slice(0, prefix.length).map((f) => f.path));
    // Only fields pinned inside the (non-multikey) index prefix are surely constant: elsewhere an
    // array holding the pinned value would still sort by its min or max element.
    const rest = sort.filter((f) => !pinnedPaths.has(f.path));
    if (rest.length === 0 || rest.length > index.fields.length - prefix.length) continue;
    const next = index.fields.slice(prefix.length, prefix.length + rest.length);
    const forward = rest.every((f, i) => f.path === next[i]?.path && f.dir === next[i]?.dir);
    const backward = rest.every((f, i) => f.path === next[i]?.path && f.dir === -(next[i]?.dir ?? 0));
    if (!forward && !backward) continue;
    if (!best || prefix.length > best.prefix.length) best = { index, prefix, reverse: backward, width: rest.length };
  }
  return best;
}

/**
 * Walks the index range in order, testing documents until `want` match. Entries with equal
 * sort keys are released in natural order, as a stable sort of a scan would order them.
 */
function runWalk(store: CollectionStore, walk: SortWalk, test: (doc: Doc) => boolean, want?: number, allowed?: Set<string>): Doc[] {
  const out: Doc[] = [];
  const from = walk.prefix.length;
  let run: IndexEntry[] = [];
  const flush = (): boolean => {
    if (run.length > 1) run.sort((a, b) => a.seq - b.seq);
    for (const entry of run) {
      if (allowed && !allowed.has(entry.idKey)) continue;
      const doc = store.getByKey(entry.idKey);
      if (doc && test(doc)) out.push(doc);
      if (want !== undefined && out.length >= want) return true;
    }
    run = [];
    return false;
  };
  for (const entry of walk.index.range(walk.prefix, walk.reverse)) {
    noteKeyExamined();
    const head = run[0];
    if (head && walk.index.compareKeys(head.values, entry.values, from + walk.width, from) !== 0) {
      if (flush()) return out;
    }
    run.push(entry);
  }
  flush();
  return out;
}

/**
 * The smallest candidate set (document _id keys) any index gives for the equality-like
 * conditions on its leading fields, or null when none is selective enough to beat a scan.
 */
function bestCandidates(store: CollectionStore, predicates: Map<string, IndexPredicate[]>): Candidates | null {
  if (predicates.size === 0) return null;
  const cap = Math.max(64, Math.floor(store.size * CANDIDATE_SHARE));
  let best: Candidates | null = null;
  for (const index of store.indexes.plannable()) {
    const found = indexCandidates(index, predicates, best ? Math.min(best.keys.size, cap) : cap);
    if (found && (!best || found.keys.size < best.keys.size)) best = found;
  }
  return best;
}

/** Candidate documents (_id keys) from one index, and the values its scan was confined to per field. */
interface Candidates { keys: Set<string>; index: SecondaryIndex; bounds: unknown[][] }

/** Candidates from one index, or null when it has no usable prefix or exceeds `cap`. */
function indexCandidates(index: SecondaryIndex, predicates: Map<string, IndexPredicate[]>, cap: number): Candidates | null {
  const choices: IndexPredicate[] = [];
  let lookups = 1;
  for (const field of index.fields) {
    const list = predicates.get(field.path);
    const choice = list?.find((p) => p.kind === 'eq') ?? list?.find((p) => p.kind === 'in') ?? list?.[0];
    if (!choice) break;
    const width = choice.kind === 'in' ? choice.values.length : 1;
    if (lookups * width > MAX_LOOKUPS) break;
    lookups *= width;
    choices.push(choice);
  }
  if (choices.length === 0) return null;
  // For an $all, every one of its values must be present: intersect one lookup per value.
  const allAt = choices.findIndex((c) => c.kind === 'all');
  const groups = allAt < 0 ? [null] : (choices[allAt] as IndexPredicate).values;
  let result: Set<string> | null = null;
  for (const allValue of groups) {
    const prefixes = expand(choices.map((c, i) => (i === allAt ? [allValue] : c.kind === 'in' ? c.values : [c.values[0]])));
    const found = collectKeys(index, prefixes, result, cap);
    if (!found) return null;
    result = found;
    if (result.size === 0) break;
  }
  const bounds = choices.map((c) => (c.kind === 'in' ? c.values : [c.values[0]]));
  return result && { keys: result, index, bounds };
}

function expand(lists: unknown[][]): unknown[][] {
  let tuples: unknown[][] = [[]];
  for (const list of lists) tuples = tuples.flatMap((t) => list.map((v) => [...t, v]));
  return tuples;
}

/** The _id keys under the prefixes (kept only if in `within`); null once more than `cap`. */
function collectKeys(index: SecondaryIndex, prefixes: unknown[][], within: Set<string> | null, cap: number): Set<string> | null {
  const keys = new Set<string>();
  for (const prefix of prefixes) {
    for (const entry of index.range(prefix)) {
      noteKeyExamined();
      if (within && !within.has(entry.idKey)) continue;
      keys.add(entry.idKey);
      if (keys.size > cap) return null;
    }
  }
  return keys;
}
