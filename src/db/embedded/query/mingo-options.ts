import { Aggregator, Query } from 'mingo';
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
export const MINGO_OPTIONS: Partial<Options> = { idKey: '_id', scriptEnabled: false };

/** Compiles a filter with mingo; unknown operators become BadValue like mongod. */
export function compileQuery(filter: Doc): Query {
  try {
    return new Query(filter, MINGO_OPTIONS);
  } catch (error) {
    throw new MongoError(ErrorCode.BadValue, error instanceof Error ? error.message : String(error));
  }
}

/** Runs an aggregation pipeline with mingo over already-cloned documents. */
export function runPipeline(docs: Doc[], pipeline: Doc[], resolver: (name: string) => Doc[]): Doc[] {
  try {
    return new Aggregator(pipeline, { ...MINGO_OPTIONS, collectionResolver: resolver }).run(docs);
  } catch (error) {
    if (error instanceof MongoError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const unknownStage = /unregistered pipeline operator (\$\w+)/i.exec(message);
    if (unknownStage) throw new MongoError(40324, `Unrecognized pipeline stage name: '${unknownStage[1] ?? ''}'`);
    throw new MongoError(ErrorCode.BadValue, message);
  }
}
