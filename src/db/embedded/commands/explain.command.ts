import { performance } from 'node:perf_hooks';
import type { CommandContext, CommandTable } from '../command-context.js';
import { explainAggregate } from '../explain/explain-aggregate.js';
import { executionStatsSection, explainFooter, queryPlannerSection, verbosityOf, type Verbosity } from '../explain/explain-report.js';
import { planStages, type ReadShape, type Stage } from '../explain/plan-stages.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { matchDocuments, runQuery } from '../query/query-runner.js';
import { tracePlan } from '../query/plan-trace.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { aggregateCommands } from './aggregate.command.js';
import { boolArg, collectionArg, docArg, docsArg } from './command-args.js';
import { findSpec } from './find.command.js';

type Explainer = (cmd: Doc, ctx: CommandContext, verbosity: Verbosity) => Doc;

/**
 * Runs a read under the plan tracer and reports it: the stages the planner really chose, and
 * for executionStats the counters of that run. Writes are never applied: only their match runs.
 */
function report(ns: string, shape: ReadShape, verbosity: Verbosity, read: () => Doc[], top?: (matched: number) => Stage): Doc {
  const started = performance.now();
  const { result, trace } = tracePlan(read);
  const millis = performance.now() - started;
  const stages = planStages(shape, trace.access);
  const topStage = top?.(result.length);
  if (topStage) stages.push(topStage);
  const out: Doc = { queryPlanner: queryPlannerSection(ns, shape.filter, stages.map((s) => s.doc)) };
  if (verbosity === 'queryPlanner') return out;
  const skipped = Math.min(shape.skip ?? 0, trace.docsMatched);
  const returned = topStage ? 0 : result.length;
  out.executionStats = executionStatsSection(stages, { trace, returned, skipped }, millis, verbosity);
  return out;
}

function explainFind(cmd: Doc, ctx: CommandContext, verbosity: Verbosity): Doc {
  const coll = collectionArg(cmd, 'find', ctx.db);
  const store = ctx.catalog.collection(ctx.db, coll);
  const spec = findSpec(cmd, store);
  return report(`${ctx.db}.${coll}`, spec, verbosity, () => runQuery(store, spec, ctx.text));
}

function explainCount(cmd: Doc, ctx: CommandContext, verbosity: Verbosity): Doc {
  const coll = collectionArg(cmd, 'count', ctx.db);
  const store = ctx.catalog.collection(ctx.db, coll);
  const query = docArg(cmd, 'count', 'query') ?? {};
  const ns = `${ctx.db}.${coll}`;
  // An empty query is answered from the collection's document count, without reading.
  if (Object.keys(query).length === 0) {
    const stage = { stage: 'RECORD_STORE_FAST_COUNT' };
    const out: Doc = { queryPlanner: queryPlannerSection(ns, query, [stage]) };
    if (verbosity !== 'queryPlanner') {
      out.executionStats = { executionSuccess: true, nReturned: 0, executionTimeMillis: 0, totalKeysExamined: 0, totalDocsExamined: 0, executionStages: { ...stage, nReturned: 0, nCounted: store?.size ?? 0 } };
    }
    return out;
  }
  return report(ns, { filter: query }, verbosity, () => matchDocuments(store, query, ctx.text), (n) => ({ doc: { stage: 'COUNT' }, count: 'returned', counted: n }));
}

function explainDistinct(cmd: Doc, ctx: CommandContext, verbosity: Verbosity): Doc {
  const coll = collectionArg(cmd, 'distinct', ctx.db);
  const query = docArg(cmd, 'distinct', 'query') ?? {};
  const store = ctx.catalog.collection(ctx.db, coll);
  return report(`${ctx.db}.${coll}`, { filter: query }, verbosity, () => matchDocuments(store, query, ctx.text));
}

/** update and delete take one statement under explain, as on mongod. */
function oneStatement(cmd: Doc, command: string, field: string): Doc {
  const statements = docsArg(cmd, command, field);
  const [stmt] = statements;
  if (statements.length !== 1 || !stmt) throw new MongoError(ErrorCode.InvalidLength, 'explained write batches must be of size 1');
  const filter = stmt.q;
  if (!isPlainObject(filter)) throw new MongoError(ErrorCode.TypeMismatch, `BSON field '${command}.${field}.q' is the wrong type, expected type 'object'`);
  return { ...stmt, q: filter };
}

function explainWrite(cmd: Doc, ctx: CommandContext, verbosity: Verbosity, kind: 'update' | 'delete'): Doc {
  const coll = collectionArg(cmd, kind, ctx.db);
  const stmt = oneStatement(cmd, kind, kind === 'update' ? 'updates' : 'deletes');
  const filter = stmt.q as Doc;
  const store = ctx.catalog.collection(ctx.db, coll);
  const single = kind === 'update' ? !boolArg(stmt, 'multi') : stmt.limit === 1;
  const shape: ReadShape = { filter, limit: single ? 1 : undefined };
  const top = (n: number): Stage => ({ doc: { stage: kind.toUpperCase() }, count: 'returned', counted: n });
  return report(`${ctx.db}.${coll}`, shape, verbosity, () => matchDocuments(store, filter, ctx.text).slice(0, single ? 1 : undefined), top);
}

function explainFindAndModify(cmd: Doc, ctx: CommandContext, verbosity: Verbosity, name: string): Doc {
  const coll = collectionArg(cmd, name, ctx.db);
  const filter = docArg(cmd, name, 'query') ?? {};
  const store = ctx.catalog.collection(ctx.db, coll);
  const shape: ReadShape = { filter, sort: docArg(cmd, name, 'sort'), limit: 1 };
  const kind = boolArg(cmd, 'remove') ? 'DELETE' : 'UPDATE';
  const top = (n: number): Stage => ({ doc: { stage: kind }, count: 'returned', counted: n });
  return report(`${ctx.db}.${coll}`, shape, verbosity, () => runQuery(store, shape, ctx.text), top);
}

const EXPLAINERS: Record<string, Explainer> = {
  find: explainFind,
  count: explainCount,
  distinct: explainDistinct,
  aggregate: explainAggregate,
  update: (cmd, ctx, v) => explainWrite(cmd, ctx, v, 'update'),
  delete: (cmd, ctx, v) => explainWrite(cmd, ctx, v, 'delete'),
  findAndModify: (cmd, ctx, v) => explainFindAndModify(cmd, ctx, v, 'findAndModify'),
  findandmodify: (cmd, ctx, v) => explainFindAndModify(cmd, ctx, v, 'findandmodify'),
};

/** `{explain: <command>, verbosity}`: the plan of a find, aggregate, count, distinct or write. */
function explain(cmd: Doc, ctx: CommandContext): Doc {
  const inner = cmd.explain;
  if (!isPlainObject(inner)) throw new MongoError(ErrorCode.TypeMismatch, "BSON field 'explain.explain' is the wrong type, expected type 'object'");
  const verbosity = verbosityOf(cmd.verbosity);
  const name = Object.keys(inner)[0] ?? '';
  const explainer = Object.hasOwn(EXPLAINERS, name) ? EXPLAINERS[name] : undefined;
  if (!explainer) throw new MongoError(ErrorCode.CommandNotFound, `Explain failed due to unknown command: ${name}`);
  return { explainVersion: '1', ...explainer(inner, ctx, verbosity), ...explainFooter(inner, ctx.db) };
}

/** `aggregate` with `explain: true`, the old spelling of an explain at queryPlanner verbosity. */
function aggregate(cmd: Doc, ctx: CommandContext): Doc {
  const plain = aggregateCommands.aggregate as (cmd: Doc, ctx: CommandContext) => Doc;
  if (!boolArg(cmd, 'explain')) return plain(cmd, ctx);
  const { explain: _flag, ...inner } = cmd;
  return { explainVersion: '1', ...explainAggregate(inner, ctx, 'queryPlanner'), ...explainFooter(inner, ctx.db) };
}

/** explain, and the aggregate entry that answers `explain: true` (installed over the plain one). */
export const explainCommands: CommandTable = { explain, aggregate };
