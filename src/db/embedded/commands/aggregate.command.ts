import type { CommandContext, CommandTable } from '../command-context.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { countMatching } from '../query/count-plan.js';
import { countPipeline, countPipelineResult } from '../query/count-pipeline.js';
import { runPipeline } from '../query/mingo-options.js';
import { outTarget, writeOut } from './aggregate-out.js';
import { notePlan } from '../query/plan-trace.js';
import { refuseWhereInPipeline } from '../query/scripting.js';
import { hintOrder, resolveHint } from '../query/hint.js';
import { matchDocuments, sortDocuments } from '../query/query-runner.js';
import { isTextScoreMeta, TEXT_SCORE_FIELD } from '../query/text-engine.js';
import { cloneDocument, isPlainObject, type Doc } from '../storage/document-paths.js';
import { boolArg, collectionArg, cursorReply, docArg, docsArg, numberArg } from './command-args.js';
import { mentionsNear } from '../geo/geo-near-query.js';
import { runGeoNearStage } from '../geo/geo-near-stage.js';

const REFUSED_STAGES = new Set(['$merge']);

const NEAR_NOT_ALLOWED = '$geoNear, $near, and $nearSphere are not allowed in this context, as these operators require sorting geospatial data. '
  + 'If you do not need sort, consider using $geoWithin instead. Check out https://dochub.mongodb.org/core/near-sort-operation '
  + 'and https://dochub.mongodb.org/core/nearSphere-sort-operationfor more details.';

function stageName(stage: Doc): string {
  return Object.keys(stage)[0] ?? '';
}

/** Replaces `{$meta: 'textScore'}` with a reference to the hidden score field ($sort: by score, descending). */
function rewriteTextMeta(stage: Doc): Doc {
  const name = stageName(stage);
  const body = stage[name];
  if (name === '$sort' && isPlainObject(body)) {
    return { $sort: Object.fromEntries(Object.entries(body).map(([k, v]) => (isTextScoreMeta(v) ? [TEXT_SCORE_FIELD, -1] : [k, v]))) };
  }
  return replaceMeta(stage) as Doc;
}

function replaceMeta(value: unknown): unknown {
  if (isTextScoreMeta(value)) return `$${TEXT_SCORE_FIELD}`;
  if (Array.isArray(value)) return value.map(replaceMeta);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceMeta(v)]));
}

/** The input of the pipeline: a leading $match runs through the query runner (index lookups, $text). */
function sourceDocuments(cmd: Doc, ctx: CommandContext, pipeline: Doc[]): { docs: Doc[]; rest: Doc[] } {
  if (cmd.aggregate === 1) return { docs: [], rest: pipeline };
  const coll = collectionArg(cmd, 'aggregate', ctx.db);
  const store = ctx.catalog.collection(ctx.db, coll);
  // A hinted pipeline reads its input in the hinted index's order, as mongod's scan would.
  const order = hintOrder(resolveHint(store, cmd.hint));
  const inOrder = (docs: Doc[]): Doc[] => (order ? sortDocuments(docs, order) : docs).map((d) => cloneDocument(d));
  const first = pipeline[0];
  if (first && stageName(first) === '$geoNear') {
    const docs = runGeoNearStage(store, first.$geoNear, (filter) => matchDocuments(store, filter, ctx.text));
    return { docs: order ? sortDocuments(docs, order) : docs, rest: pipeline.slice(1) };
  }
  if (first && stageName(first) === '$match' && isPlainObject(first.$match)) {
    return { docs: inOrder(matchDocuments(store, first.$match, ctx.text)), rest: pipeline.slice(1) };
  }
  notePlan(store ? { kind: 'collscan' } : { kind: 'eof' });
  return { docs: inOrder(store?.all() ?? []), rest: pipeline };
}

/** Runs a pipeline's stages (all of them, or the first `upTo`) and returns the documents they give. */
export function runAggregation(cmd: Doc, ctx: CommandContext, pipeline: Doc[], upTo?: number): Doc[] {
  refuseWhereInPipeline(pipeline);
  const { docs, rest } = sourceDocuments(cmd, ctx, pipeline);
  const stages = upTo === undefined ? rest : rest.slice(0, Math.max(0, upTo - (pipeline.length - rest.length)));
  const resolver = (name: string): Doc[] => (ctx.catalog.collection(ctx.db, name)?.all() ?? []).map((d) => cloneDocument(d));
  const results = runPipeline(docs, stages.map(rewriteTextMeta), resolver);
  for (const doc of results) delete doc[TEXT_SCORE_FIELD];
  return results;
}

/** countDocuments' pipeline answered by counting (from index keys when an index covers the filter), or null for any other. */
function countedResults(cmd: Doc, ctx: CommandContext, pipeline: Doc[]): Doc[] | null {
  refuseWhereInPipeline(pipeline);
  if (cmd.aggregate === 1 || cmd.explain !== undefined || cmd.collation !== undefined) return null;
  const count = countPipeline(pipeline);
  if (!count) return null;
  const store = ctx.catalog.collection(ctx.db, collectionArg(cmd, 'aggregate', ctx.db));
  resolveHint(store, cmd.hint);
  return countPipelineResult(count, countMatching(store, count.filter, ctx.text));
}

function aggregate(cmd: Doc, ctx: CommandContext): Doc {
  const pipeline = docsArg(cmd, 'aggregate', 'pipeline');
  if (cmd.aggregate !== 1) collectionArg(cmd, 'aggregate', ctx.db);
  const cursorOpt = docArg(cmd, 'aggregate', 'cursor');
  if (!cursorOpt && !boolArg(cmd, 'explain')) {
    throw new MongoError(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  pipeline.forEach((stage, i) => {
    const name = stageName(stage);
    if (REFUSED_STAGES.has(name)) throw new MongoError(ErrorCode.NotImplemented, `${name} is not supported by the embedded MongoDB server`);
    if (name === '$geoNear' && i > 0) throw new MongoError(40602, '$geoNear is only valid as the first stage in a pipeline.');
    // A nearness condition orders results, which a $match cannot do: mongod refuses it there.
    if (name === '$match' && mentionsNear(stage.$match)) throw new MongoError(5626500, NEAR_NOT_ALLOWED);
  });
  const out = outTarget(pipeline, ctx.db);
  const results = (out ? null : countedResults(cmd, ctx, pipeline)) ?? runAggregation(cmd, ctx, out ? pipeline.slice(0, -1) : pipeline);
  if (out) {
    writeOut(ctx, out, results);
    results.length = 0;
  }
  const ns = cmd.aggregate === 1 ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${String(cmd.aggregate)}`;
  const batch = ctx.cursors.open(ns, results, { batchSize: numberArg(cursorOpt ?? {}, 'aggregate', 'batchSize') });
  return cursorReply(batch, true);
}

/** The aggregate command over mingo's pipeline ($lookup resolves collections of the same database). */
export const aggregateCommands: CommandTable = { aggregate };
