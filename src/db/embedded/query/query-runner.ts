import { canonicalKey } from '../canonical-key.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { CollectionStore } from '../storage/collection-store.js';
import { cloneDocument, isPlainObject, setOwn, type Doc } from '../storage/document-paths.js';
import { indexPredicates, isEqualityValue } from './index-predicates.js';
import { applyElemMatch, splitElemMatch } from './elem-match-projection.js';
import { compileFilter } from './equality-filter.js';
import { compileQuery } from './mingo-options.js';
import { executePlan } from './query-plan.js';
import { activeCollator } from './collation.js';
import { countingTest, noteKeyExamined, notePlan } from './plan-trace.js';
import { parseSort, sortTop, type SortField } from './sort-order.js';
import { splitLargeIn } from './large-in.js';
import { applySlices, projectionKind, splitSlices, withSlicedFields } from './projection-shape.js';
import { TextPostings } from './text-postings.js';
import { sortsByScoreFirst, topTextMatches } from './text-top.js';
import { findNearQuery, mentionsNear } from '../geo/geo-near-query.js';
import { nearestDocuments, nearIndexFor, noGeoIndexError } from '../geo/geo-near.js';
import { extractText, isTextScoreMeta, TEXT_SCORE_FIELD, textKeyOf, type TextEngine, type TextQuery } from './text-engine.js';

/** What a find-like read asks for. */
export interface QuerySpec { filter: Doc; sort?: Doc | undefined; projection?: Doc | undefined; skip?: number | undefined; limit?: number | undefined }

/**
 * The stored documents matching filter, in natural order. Uses the _id map, a unique index
 * or the secondary indexes (query-plan.ts) to pick candidates instead of scanning. With
 * $text, returns shallow copies carrying the score under TEXT_SCORE_FIELD.
 */
export function matchDocuments(store: CollectionStore | undefined, filter: Doc, text?: TextEngine): Doc[] {
  return selectDocuments(store, filter, undefined, undefined, text);
}

/** Like matchDocuments, but always the stored documents themselves (for writes). */
export function matchStored(store: CollectionStore | undefined, filter: Doc, text?: TextEngine): Doc[] {
  const matched = matchDocuments(store, filter, text);
  if (!store || matched.length === 0 || !(TEXT_SCORE_FIELD in (matched[0] as Doc))) return matched;
  return present(matched.map((d) => store.getById(d._id)));
}

/**
 * Matching documents (shared stored references, never mutate them) in sort order or natural
 * order, cut to the first `want` when given; only those are ever cloned by the caller.
 */
function selectDocuments(store: CollectionStore | undefined, filter: Doc, sort: SortField[] | undefined, want: number | undefined, text?: TextEngine): Doc[] {
  const { rest, text: textQuery } = extractText(filter);
  const { filter: others, test: inTest } = splitLargeIn(rest);
  const compiled = compileFilter(others);
  const query = inTest ? { test: (doc: Doc) => inTest(doc) && compiled.test(doc) } : compiled;
  if (!store) {
    if (textQuery) throw new MongoError(ErrorCode.IndexNotFound, 'text index required for $text query');
    notePlan({ kind: 'eof' });
    return [];
  }
  const test = countingTest((doc: Doc): boolean => query.test(doc));
  const near = findNearQuery(rest);
  if (near) {
    if (textQuery) throw new MongoError(ErrorCode.BadValue, 'text and geoNear not allowed in same query');
    if (!nearIndexFor(store.indexes.list(), near)) throw noGeoIndexError(store.ns, near);
    const nearest = nearestDocuments([...store.values()].filter(test), near).map((hit) => hit.doc);
    return sort ? sortTop(nearest, sort, want) : nearest.slice(0, want);
  }
  if (textQuery) {
    notePlan({ kind: 'text', indexName: String(store.indexes.textIndex()?.name) });
    if (sort && want !== undefined && sortsByScoreFirst(sort)) {
      const top = topTextMatches({ store, ...postingsOf(store, text), query: textQuery, test }, sort, want);
      return top.map(({ doc, score }) => ({ ...doc, [TEXT_SCORE_FIELD]: score }));
    }
    const scores = scoreAll(store, textQuery, text);
    const matched = [...scores.keys()].filter(test);
    const chosen = sort ? sortTop(matched, sort, want, scores) : matched.slice(0, want);
    return chosen.map((doc) => ({ ...doc, [TEXT_SCORE_FIELD]: scores.get(doc) }));
  }
  // Indexes and the _id map hold binary keys: under a collation, scan and sort by the collator.
  if (activeCollator()) {
    notePlan({ kind: 'collscan' });
    const matched: Doc[] = [];
    for (const doc of store.values()) if (test(doc)) matched.push(doc);
    return sort ? sortTop(matched, sort, want) : matched.slice(0, want);
  }
  const pool = pointLookup(store, rest);
  if (pool) {
    const matched = pool.filter(test);
    return sort ? sortTop(matched, sort, want) : matched.slice(0, want);
  }
  return executePlan(store, { predicates: indexPredicates(rest), test, sort, want });
}

/** The collection's text postings, built on first use; throws as mongod does without a text index. */
function postingsOf(store: CollectionStore, text: TextEngine | undefined): { postings: TextPostings; engine: TextEngine } {
  const spec = store.indexes.textIndex();
  if (!spec) throw new MongoError(ErrorCode.IndexNotFound, 'text index required for $text query');
  if (!text) throw new MongoError(ErrorCode.NotImplemented, 'text search is not available in this build');
  return { postings: TextPostings.of(store, spec, () => text.textIndexDefinition(textKeyOf(spec), spec), text), engine: text };
}

/** The matching stored documents and their scores, in natural order (a Map keeps insertion order). */
function scoreAll(store: CollectionStore, query: TextQuery, text: TextEngine | undefined): Map<Doc, number> {
  const { postings, engine } = postingsOf(store, text);
  const scores = new Map<Doc, number>();
  for (const idKey of inNaturalKeyOrder(store, postings.candidates(query))) {
    const doc = store.getByKey(idKey);
    const score = doc ? engine.scoreDocument(doc, postings.definition, query) : null;
    if (doc && score !== null) scores.set(doc, score);
  }
  return scores;
}

/** Candidate keys in natural order, so ties come out as a full scan would give them. */
function inNaturalKeyOrder(store: CollectionStore, keys: Set<string>): string[] {
  // Most of the collection: walking it in order is cheaper than sorting.
  if (keys.size * 4 >= store.size) return [...store.entries()].filter(([k]) => keys.has(k)).map(([k]) => k);
  const seqs = [...keys].map((k) => [store.seqOf(k), k] as const);
  seqs.sort((a, b) => a[0] - b[0]);
  return seqs.map(([, k]) => k);
}

/** The one or few documents an _id or unique-field equality names, or null when the filter has none. */
function pointLookup(store: CollectionStore, filter: Doc): Doc[] | null {
  const id = filter._id;
  if (isEqualityValue(id)) return notePoint('_id', [id], present([store.getById(id)]));
  if (isPlainObject(id) && Object.keys(id).length === 1) {
    if (isEqualityValue(id.$eq)) return notePoint('_id', [id.$eq], present([store.getById(id.$eq)]));
    if (Array.isArray(id.$in) && id.$in.every(isEqualityValue)) {
      return notePoint('_id', id.$in, inNaturalOrder(store, present(id.$in.map((v) => store.getById(v)))));
    }
  }
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$') || !isEqualityValue(value)) continue;
    const unique = store.indexes.uniqueOn(field);
    if (!unique) continue;
    notePoint(field, [value], [], unique.name);
    const idKey = unique.lookup(value);
    return present([idKey === undefined ? undefined : store.getByKey(idKey)]);
  }
  return null;
}

/** Records a lookup in the _id index or a single-field unique index for explain. */
function notePoint(field: string, values: unknown[], docs: Doc[], indexName = '_id_'): Doc[] {
  notePlan({ kind: 'ixscan', indexName, keyPattern: { [field]: 1 }, bounds: [values], backward: false, unique: true, multiKey: false, providesSort: false });
  for (let i = 0; i < values.length; i++) noteKeyExamined();
  return docs;
}

function present(docs: Array<Doc | undefined>): Doc[] {
  return docs.filter((d): d is Doc => d !== undefined);
}

/** Distinct documents in natural order ($in may name one document twice, in any order). */
function inNaturalOrder(store: CollectionStore, docs: Doc[]): Doc[] {
  const seq = (d: Doc) => store.seqOf(canonicalKey(d._id));
  return [...new Set(docs)].sort((a, b) => seq(a) - seq(b));
}

/**
 * Runs a find: match, sort, skip, limit, project. Without a projection the results are the
 * stored documents themselves, which no write mutates (writes replace them), so they are only
 * read for the reply: copying 100-document batches costs more than finding them.
 */
export function runQuery(store: CollectionStore | undefined, spec: QuerySpec, text?: TextEngine): Doc[] {
  const skip = spec.skip ?? 0;
  const want = spec.limit && spec.limit > 0 ? skip + spec.limit : undefined;
  const sortSpec = spec.sort && Object.keys(spec.sort).length > 0 ? spec.sort : undefined;
  if (sortSpec && Object.values(sortSpec).some(isTextScoreMeta) && !extractText(spec.filter).text) {
    throw new MongoError(40218, 'query requires text score metadata, but it is not available');
  }
  let docs: Doc[];
  if (sortSpec && '$natural' in sortSpec && mentionsNear(spec.filter)) {
    throw new MongoError(ErrorCode.BadValue, 'geoNear expression not allowed with $natural sort order');
  }
  if (sortSpec && '$natural' in sortSpec && Object.keys(sortSpec).length === 1) {
    docs = sortDocuments(selectDocuments(store, spec.filter, undefined, undefined, text), sortSpec).slice(0, want);
  } else {
    docs = selectDocuments(store, spec.filter, sortSpec ? parseSort(sortSpec) : undefined, want, text);
  }
  const hasScore = docs.length > 0 && TEXT_SCORE_FIELD in (docs[0] as Doc);
  return project(docs.slice(skip), spec.projection, extractText(spec.filter).rest, hasScore);
}

/** Sorts in MongoDB's BSON order (ties in input order); `{$meta: 'textScore'}` sorts by score, highest first. */
export function sortDocuments(docs: Doc[], sort: Doc): Doc[] {
  // {$natural: ±1} is insertion order, which is how documents are kept.
  if (Object.keys(sort).length === 1 && '$natural' in sort) return sort.$natural === -1 ? [...docs].reverse() : docs;
  return sortTop(docs, parseSort(sort));
}

function project(docs: Doc[], projection: Doc | undefined, filter: Doc, hasScore: boolean): Doc[] {
  const metaFields = Object.entries(projection ?? {}).filter(([, v]) => isTextScoreMeta(v)).map(([k]) => k);
  if (metaFields.length > 0 && !hasScore && docs.length > 0) {
    throw new MongoError(40218, 'query requires text score metadata, but it is not available');
  }
  const rest = Object.fromEntries(Object.entries(projection ?? {}).filter(([k]) => !metaFields.includes(k)));
  const projected = Object.keys(rest).length === 0 ? docs : applyProjection(docs, rest, filter);
  // Text results are shallow copies carrying their score; others may be stored documents.
  if (!hasScore) return projected;
  return projected.map((doc, i) => {
    const score = (docs[i] as Doc)[TEXT_SCORE_FIELD];
    delete doc[TEXT_SCORE_FIELD];
    for (const field of metaFields) doc[field] = score;
    return doc;
  });
}

function applyProjection(docs: Doc[], given: Doc, filter: Doc): Doc[] {
  const kind = projectionKind(given);
  // `_id: 1` in an exclusion is the default; mingo refuses the mix.
  const projection = kind === 'exclusion' && given._id !== undefined && given._id !== 0 && given._id !== false ? withoutId(given) : given;
  const { rest: unsliced, slices } = splitSlices(projection);
  if (slices.length > 0) {
    const base = withSlicedFields(unsliced, slices, kind);
    const out = Object.keys(base).length === 0 ? docs : applyProjection(docs, base, filter);
    // Slicing sets arrays on the document and its subdocuments: on copies, never on stored ones.
    return out.map((doc) => applySlices(cloneDocument(doc), slices));
  }
  const { rest, elemMatches } = splitElemMatch(projection);
  if (elemMatches.length > 0) {
    // Alone (besides _id), $elemMatch fields make an inclusion projection.
    const alone = Object.keys(rest).every((k) => k === '_id');
    const base = alone ? docs.map((doc) => (rest._id === 0 || rest._id === false ? {} : { _id: doc._id })) : applyProjection(docs, rest, filter);
    return base.map((out, i) => applyElemMatch(out, docs[i] as Doc, elemMatches));
  }
  const fields = topLevelProjection(projection);
  if (fields) return docs.map((doc) => projectTopLevel(doc, fields));
  try {
    // mingo may share or reshape what it is given: hand it copies, never stored documents.
    return compileQuery(filter).find<Doc>(docs.map((d) => cloneDocument(d)), projection).all();
  } catch (error) {
    throw new MongoError(31254, error instanceof Error ? error.message : String(error));
  }
}

function withoutId(projection: Doc): Doc {
  const { _id: _ignored, ...rest } = projection;
  return rest;
}

interface TopLevelProjection {
  include: boolean;
  fields: Set<string>;
  keepId: boolean;
}

/**
 * A projection naming only top-level fields with 0/1 (most reads: "just these fields"),
 * applied directly; dotted paths, operators and positional `$` go to mingo, which needs the
 * filter compiled for them (a compilation per distinct filter, more than the read costs).
 */
function topLevelProjection(projection: Doc): TopLevelProjection | null {
  const entries = Object.entries(projection);
  if (!entries.every(([k, v]) => !k.includes('.') && !k.startsWith('$') && (v === 0 || v === 1 || typeof v === 'boolean'))) return null;
  const others = entries.filter(([k]) => k !== '_id');
  // The first field decides, as in mongod; a field of the other kind is refused.
  const id = entries.find(([k]) => k === '_id');
  // `{_id: 1}` alone is an inclusion of _id only (Model.exists() sends it); `{_id: 0}` alone excludes it.
  const include = others.length > 0 ? Boolean(others[0]?.[1]) : id !== undefined && Boolean(id[1]);
  const odd = others.find(([, v]) => Boolean(v) !== include);
  if (odd) {
    throw new MongoError(include ? 31254 : 31253, `Cannot do ${include ? 'exclusion' : 'inclusion'} on field ${odd[0]} in ${include ? 'inclusion' : 'exclusion'} projection`);
  }
  return { include, fields: new Set(others.map(([k]) => k)), keepId: id === undefined || Boolean(id[1]) };
}

function projectTopLevel(doc: Doc, { include, fields, keepId }: TopLevelProjection): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_id' ? keepId : include === fields.has(k)) setOwn(out, k, v);
  }
  return out;
}

/** Applies a find-style projection to one document (findAndModify's `fields`). */
export function projectOne(doc: Doc, projection: Doc | undefined, filter: Doc): Doc {
  const [out] = project([cloneDocument(doc)], projection, extractText(filter).rest, false);
  return out as Doc;
}
