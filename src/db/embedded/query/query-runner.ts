import { Query } from 'mingo';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { CollectionStore } from '../storage/collection-store.js';
import { cloneDocument, isPlainObject, type Doc } from '../storage/document-paths.js';
import { compileQuery, MINGO_OPTIONS } from './mingo-options.js';
import { extractText, isTextScoreMeta, TEXT_SCORE_FIELD, textKeyOf, type TextEngine, type TextQuery } from './text-engine.js';

/** What a find-like read asks for. */
export interface QuerySpec { filter: Doc; sort?: Doc | undefined; projection?: Doc | undefined; skip?: number | undefined; limit?: number | undefined }

/**
 * The stored documents matching filter, in natural order. Uses the _id map or a single-field
 * unique index for equality filters instead of scanning. With $text, returns shallow copies
 * carrying the score under TEXT_SCORE_FIELD.
 */
export function matchDocuments(store: CollectionStore | undefined, filter: Doc, text?: TextEngine): Doc[] {
  const { rest, text: textQuery } = extractText(filter);
  const query = compileQuery(rest);
  if (!store) {
    if (textQuery) throw new MongoError(ErrorCode.IndexNotFound, 'text index required for $text query');
    return [];
  }
  const scored = textQuery ? scoreAll(store, textQuery, text) : null;
  const pool = scored ?? candidates(store, rest);
  return pool.filter((doc) => query.test(doc));
}

/** Like matchDocuments, but always the stored documents themselves (for writes). */
export function matchStored(store: CollectionStore | undefined, filter: Doc, text?: TextEngine): Doc[] {
  const matched = matchDocuments(store, filter, text);
  if (!store || matched.length === 0 || !(TEXT_SCORE_FIELD in (matched[0] as Doc))) return matched;
  return present(matched.map((d) => store.getById(d._id)));
}

function scoreAll(store: CollectionStore, query: TextQuery, text: TextEngine | undefined): Doc[] {
  const spec = store.indexes.textIndex();
  if (!spec) throw new MongoError(ErrorCode.IndexNotFound, 'text index required for $text query');
  if (!text) throw new MongoError(ErrorCode.NotImplemented, 'text search is not available in this build');
  const definition = text.textIndexDefinition(textKeyOf(spec), spec);
  const out: Doc[] = [];
  for (const doc of store.all()) {
    const score = text.scoreDocument(doc, definition, query);
    if (score !== null) out.push({ ...doc, [TEXT_SCORE_FIELD]: score });
  }
  return out;
}

/** Documents that could match: one lookup for _id / unique-field equality, else everything. */
function candidates(store: CollectionStore, filter: Doc): Doc[] {
  const id = filter._id;
  if (isEqualityValue(id)) return present([store.getById(id)]);
  if (isPlainObject(id) && Object.keys(id).length === 1) {
    if (isEqualityValue(id.$eq)) return present([store.getById(id.$eq)]);
    if (Array.isArray(id.$in) && id.$in.every(isEqualityValue)) return dedupe(present(id.$in.map((v) => store.getById(v))));
  }
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$') || !isEqualityValue(value)) continue;
    const unique = store.indexes.uniqueOn(field);
    if (!unique) continue;
    const idKey = unique.lookup(value);
    return present([idKey === undefined ? undefined : store.getByKey(idKey)]);
  }
  return store.all();
}

/** Scalars and BSON value objects (not embedded documents, arrays, regexes or null). */
function isEqualityValue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v !== 'object') return true;
  return !Array.isArray(v) && !isPlainObject(v) && !(v instanceof RegExp);
}

function present(docs: Array<Doc | undefined>): Doc[] {
  return docs.filter((d): d is Doc => d !== undefined);
}

function dedupe(docs: Doc[]): Doc[] {
  return [...new Set(docs)];
}

/** Runs a find: match, sort, skip, limit, project. Returns fresh copies safe to hand out. */
export function runQuery(store: CollectionStore | undefined, spec: QuerySpec, text?: TextEngine): Doc[] {
  let docs = matchDocuments(store, spec.filter, text);
  const hasScore = docs.length > 0 && TEXT_SCORE_FIELD in (docs[0] as Doc);
  if (spec.sort && Object.keys(spec.sort).length > 0) docs = sortDocuments(docs, spec.sort);
  const skip = spec.skip ?? 0;
  const end = spec.limit && spec.limit > 0 ? skip + spec.limit : undefined;
  docs = docs.slice(skip, end).map((d) => cloneDocument(d));
  return project(docs, spec.projection, extractText(spec.filter).rest, hasScore);
}

/** Sorts with mingo; `{$meta: 'textScore'}` sorts by the hidden score, highest first. */
export function sortDocuments(docs: Doc[], sort: Doc): Doc[] {
  const spec: Record<string, 1 | -1> = {};
  // {$natural: ±1} is insertion order, which is how documents are kept.
  if (Object.keys(sort).length === 1 && '$natural' in sort) return sort.$natural === -1 ? [...docs].reverse() : docs;
  for (const [field, dir] of Object.entries(sort)) {
    if (isTextScoreMeta(dir)) spec[TEXT_SCORE_FIELD] = -1;
    else if (dir === 1 || dir === -1) spec[field] = dir;
    else throw new MongoError(15975, '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
  }
  return new Query({}, MINGO_OPTIONS).find<Doc>(docs).sort(spec).all();
}

function project(docs: Doc[], projection: Doc | undefined, filter: Doc, hasScore: boolean): Doc[] {
  const metaFields = Object.entries(projection ?? {}).filter(([, v]) => isTextScoreMeta(v)).map(([k]) => k);
  if (metaFields.length > 0 && !hasScore && docs.length > 0) {
    throw new MongoError(40218, 'query requires text score metadata, but it is not available');
  }
  const rest = Object.fromEntries(Object.entries(projection ?? {}).filter(([k]) => !metaFields.includes(k)));
  const projected = Object.keys(rest).length === 0 ? docs : applyProjection(docs, rest, filter);
  return projected.map((doc, i) => {
    const score = (docs[i] as Doc)[TEXT_SCORE_FIELD];
    delete doc[TEXT_SCORE_FIELD];
    for (const field of metaFields) doc[field] = score;
    return doc;
  });
}

function applyProjection(docs: Doc[], projection: Doc, filter: Doc): Doc[] {
  try {
    return new Query(filter, MINGO_OPTIONS).find<Doc>(docs, projection).all();
  } catch (error) {
    throw new MongoError(31254, error instanceof Error ? error.message : String(error));
  }
}

/** Applies a find-style projection to one document (findAndModify's `fields`). */
export function projectOne(doc: Doc, projection: Doc | undefined, filter: Doc): Doc {
  const [out] = project([cloneDocument(doc)], projection, extractText(filter).rest, false);
  return out as Doc;
}
