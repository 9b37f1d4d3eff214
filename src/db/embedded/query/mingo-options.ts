import { serialize } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import { BITWISE_OPERATORS } from './bitwise-operators.js';
import { COMPARISON_OPERATORS, withDbRefEqualities } from './comparison-operators.js';
import { pipelineInput } from './pipeline-numbers.js';
import { matchesJsonSchema } from './json-schema.js';
import { $bsonType, BSON_TYPE_OPERATOR, mentionsRenamed, withRenamedOperators } from './bson-type.js';
import type { Options } from 'mingo/types';
import { ErrorCode, MongoError, scriptRefusal } from '../mongo-errors.js';
import { activeCollation, activeCollator } from './collation.js';
import { collatedContext, withCollatedOperators } from './collated-operators.js';
import { GEO_QUERY_OPERATORS } from '../geo/geo-predicates.js';
import type { Doc } from '../storage/document-paths.js';

/*
 * How mingo sees BSON values (checked against mingo 7.2):
 * - query comparisons ($eq $ne $in $nin $gt $gte $lt $lte) are replaced by MongoDB's
 *   (comparison-operators.ts): numbers of every BSON type are one type, documents compare
 *   in field order.
 * - elsewhere (aggregation $group keys, $lookup) equality uses isEqual/hashCode, which
 *   compare class instances of the same constructor by toString(): ObjectId, Decimal128 and
 *   Long work; Dates compare by time. ObjectId and a hex string are never equal.
 * - mingo's $inc silently ignores non-numeric targets, so update validation runs first.
 * Scripts ($where, $function, $accumulator) are disabled: client input never runs as code.
 */
// mingo's own operators, with ours replacing those that disagree with mongod on BSON
// values. (The `mingo` entry point merges its built-ins over any replacement, so the base
// classes are used with these complete tables.)
const QUERY_OPERATORS = { ...queryOperators, ...COMPARISON_OPERATORS, ...BITWISE_OPERATORS, [BSON_TYPE_OPERATOR]: $bsonType, $allOf, ...GEO_QUERY_OPERATORS };
const OPERATOR_TABLES = {
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: QUERY_OPERATORS,
  window: windowOperators,
};

export const MINGO_OPTIONS: Partial<Options> = {
  idKey: '_id',
  scriptEnabled: false,
  context: Context.init(OPERATOR_TABLES as never),
  jsonSchemaValidator: (schema) => (doc) => matchesJsonSchema(schema as Doc, doc),
};

// Building a mingo Query copies every operator table (~0.05 ms), more than matching a page
// costs, and listing endpoints send the same filter again and again: keep recent ones.
const COMPILED_CACHE_SIZE = 256;
const compiled = new Map<string, Query>();

/** mingo's options for the running command: with its collation, string comparisons go through the collator. */
function currentOptions(): Partial<Options> {
  const collator = activeCollator();
  const collation = activeCollation();
  if (!collator || !collation) return MINGO_OPTIONS;
  // mingo's $sort builds its own Intl.Collator, which wants BCP 47 tags (en-US, not en_US).
  const forMingo = { ...collation, locale: collation.locale.replace(/_/g, '-') };
  return { ...MINGO_OPTIONS, collation: forMingo as never, context: collatedContext(collator, OPERATOR_TABLES) };
}

/** MongoDB's `$all`: every value matches the field as an equality (or `$elemMatch`) would; an empty list matches nothing. */
function $allOf(selector: string, values: unknown): (doc: Doc) => boolean {
  if (!Array.isArray(values)) throw new MongoError(ErrorCode.BadValue, '$all needs an array');
  const queries = values.map((value) => compileQuery({ [selector]: value }));
  return (doc) => queries.length > 0 && queries.every((q) => q.test(doc));
}

/** Compiles a filter with mingo (reusing a recent identical one); unknown operators become BadValue like mongod. */
export function compileQuery(filter: Doc): Query {
  const collation = activeCollation();
  const plain = cacheKey(filter);
  const key = plain === null || !collation ? plain : `${JSON.stringify(collation)}\u0000${plain}`;
  const hit = key === null ? undefined : compiled.get(key);
  if (hit) return hit;
  let query: Query;
  try {
    const marked = withDbRefEqualities(filter);
    const renamed = mentionsRenamed(marked) ? (withRenamedOperators(marked) as Doc) : marked;
    query = new Query(collation ? withCollatedOperators(renamed) : renamed, currentOptions());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const refusal = scriptRefusal(message);
    if (refusal) throw refusal;
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
    const stages = activeCollation() ? pipeline.map(collatedMatch) : pipeline;
    return new Aggregator(stages.flatMap(asMongoDbStage), { ...currentOptions(), collectionResolver: resolver }).run(pipelineInput(docs, pipeline));
  } catch (error) {
    if (error instanceof MongoError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const refusal = scriptRefusal(message);
    if (refusal) throw refusal;
    const unknownStage = /unregistered pipeline operator (\$\w+)/i.exec(message);
    if (unknownStage) throw new MongoError(40324, `Unrecognized pipeline stage name: '${unknownStage[1] ?? ''}'`);
    throw new MongoError(ErrorCode.BadValue, message);
  }
}

/** A `$match` stage spelled with the collated comparison operators. */
function collatedMatch(stage: Doc): Doc {
  const filter = stage.$match;
  if (Object.keys(stage).length !== 1 || typeof filter !== 'object' || filter === null || Array.isArray(filter)) return stage;
  return { $match: withCollatedOperators(filter as Doc) };
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
