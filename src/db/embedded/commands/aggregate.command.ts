import type { CommandContext, CommandTable } from '../command-context.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { runPipeline } from '../query/mingo-options.js';
import { hintOrder, resolveHint } from '../query/hint.js';
import { matchDocuments, sortDocuments } from '../query/query-runner.js';
import { isTextScoreMeta, TEXT_SCORE_FIELD } from '../query/text-engine.js';
import { cloneDocument, isPlainObject, type Doc } from '../storage/document-paths.js';
import { boolArg, collectionArg, cursorReply, docArg, docsArg, numberArg } from './command-args.js';

const REFUSED_STAGES = new Set(['$out', '$merge']);

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
  if (first && stageName(first) === '$match' && isPlainObject(first.$match)) {
    return { docs: inOrder(matchDocuments(store, first.$match, ctx.text)), rest: pipeline.slice(1) };
  }
  return { docs: inOrder(store?.all() ?? []), rest: pipeline };
}

function aggregate(cmd: Doc, ctx: CommandContext): Doc {
  const pipeline = docsArg(cmd, 'aggregate', 'pipeline');
  if (cmd.aggregate !== 1) collectionArg(cmd, 'aggregate', ctx.db);
  const cursorOpt = docArg(cmd, 'aggregate', 'cursor');
  if (!cursorOpt && !boolArg(cmd, 'explain')) {
    throw new MongoError(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  for (const stage of pipeline) {
    const name = stageName(stage);
    if (REFUSED_STAGES.has(name)) throw new MongoError(ErrorCode.NotImplemented, `${name} is not supported by the embedded MongoDB server`);
  }
  const { docs, rest } = sourceDocuments(cmd, ctx, pipeline);
  const resolver = (name: string): Doc[] => (ctx.catalog.collection(ctx.db, name)?.all() ?? []).map((d) => cloneDocument(d));
  const results = runPipeline(docs, rest.map(rewriteTextMeta), resolver);
  for (const doc of results) delete doc[TEXT_SCORE_FIELD];
  const ns = cmd.aggregate === 1 ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${String(cmd.aggregate)}`;
  const batch = ctx.cursors.open(ns, results, { batchSize: numberArg(cursorOpt ?? {}, 'aggregate', 'batchSize') });
  return cursorReply(batch, true);
}

/** The aggregate command over mingo's pipeline ($lookup resolves collections of the same database). */
export const aggregateCommands: CommandTable = { aggregate };
