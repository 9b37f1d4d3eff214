import { serialize } from 'bson';
import { Aggregator, Context, Query } from 'mingo';
import { matchesJsonSchema } from './json-schema.js';
import { $bsonType, BSON_TYPE_OPERATOR, mentionsRenamed, withRenamedOperators } from './bson-type.js';
import type { Options } from 'mingo/types';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { Doc } from '../storage/document-paths.js';

/*
 * How mingo sees BSON values (checked against mingo 7.2):
 * - equality ($eq, $in, $ne, $nin, $group keys, $lookup) uses isEqual/hashCode, which compare
 *   class instances of the same constructor by toString(): ObjectId, Decimal128 and Long work;
 *   Dates compare by time. ObjectId and a hex string are never equal (as in MongoDB).
 * - ordering of two Decimal128 is by string, and Long vs number never compare numerically;
 *   the wire layer promotes Int32/Double/small Long to JS numbers, so this rarely matters.
 * - mingo's $inc silently ignores non-numeric targets, so update validation runs first.
 * Scripts ($where, $function, $accumulator) are disabled: client input never runs as code.
 */
export const MINGO_OPTIONS: Partial<Options> = {
  idKey: '_id',
  scriptEnabled: false,
  // Operators whose mingo version disagrees with mongod on BSON values.
  context: Context.init({ query: { [BSON_TYPE_OPERATOR]: $bsonType, $allOf } as never }),
  jsonSchemaValidator: (schema) => (doc) => matchesJsonSchema(schema as Doc, doc),
};

// Building a mingo Query copies every operator table (~0.05 ms), more than matching a page
// costs, and listing endpoints send the same filter again and again: keep recent ones.
const COMPILED_CACHE_SIZE = 256;
const compiled = new Map<string, Query>();

/** MongoDB's `$all`: every value matches the field as an equality (or `$elemMatch`) would; an empty list matches nothing. */
function $allOf(selector: string, values: unknown): (doc: Doc) => boolean {
  if (!Array.isArray(values)) throw new MongoError(ErrorCode.BadValue, '$all needs an array');
  const queries = values.map((value) => compileQuery({ [selector]: value }));
  return (doc) => queries.length > 0 && queries.every((q) => q.test(doc));
}

/** Compiles a filter with mingo (reusing a recent identical one); unknown operators become BadValue like mongod. */
export function compileQuery(filter: Doc): Query {
  const key = cacheKey(filter);
  const hit = key === null ? undefined : compiled.get(key);
  if (hit) return hit;
  let query: Query;
  try {
    query = new Query(mentionsRenamed(filter) ? (withRenamedOperators(filter) as Doc) : filter, MINGO_OPTIONS);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /unknown query operator (\$\w+)/.exec(message);
    throw new MongoError(ErrorCode.BadValue, unknown ? `unknown operator: ${unknown[1] ?? ''}` : message);
  }
  if (key !== null) {
    if (compiled.size >= COMPILED_CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, query);
  }
  return query;
}

/**
 * The filter as BSON bytes, which keep value types apart (1 vs Long(1) vs '1'), so equal keys
 * compile to equal queries. Filters with $expr are not cached: $$NOW is fixed per Query.
 */
function cacheKey(filter: Doc): string | null {
  try {
    const key = Buffer.from(serialize(filter)).toString('latin1');
    return key.includes('$expr') || key.includes('$where') ? null : key;
  } catch {
    return null;
  }
}

/** Runs an aggregation pipeline with mingo over already-cloned documents. */
export function runPipeline(docs: Doc[], pipeline: Doc[], resolver: (name: string) => Doc[]): Doc[] {
  try {
    return new Aggregator(pipeline.flatMap(asMongoDbStage), { ...MINGO_OPTIONS, collectionResolver: resolver }).run(docs);
  } catch (error) {
    if (error instanceof MongoError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const unknownStage = /unregistered pipeline operator (\$\w+)/i.exec(message);
    if (unknownStage) throw new MongoError(40324, `Unrecognized pipeline stage name: '${unknownStage[1] ?? ''}'`);
    throw new MongoError(ErrorCode.BadValue, message);
  }
}

/**
 * Stages whose mingo version differs from MongoDB's, rewritten to MongoDB's definition:
 * `$count` is `$group` + `$project`, so an empty input gives no document (mingo gives a 0).
 */
function asMongoDbStage(stage: Doc): Doc[] {
  const field = stage.$count;
  if (Object.keys(stage).length === 1 && typeof field === 'string') {
    return [{ $group: { _id: null, [field]: { $sum: 1 } } }, { $project: { _id: 0 } }];
  }
  return [stage];
}
