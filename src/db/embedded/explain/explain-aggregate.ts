import { performance } from 'node:perf_hooks';
import type { CommandContext } from '../command-context.js';
import { runAggregation } from '../commands/aggregate.command.js';
import { collectionArg, docsArg } from '../commands/command-args.js';
import { tracePlan } from '../query/plan-trace.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { executionStatsSection, queryPlannerSection, type Verbosity } from './explain-report.js';
import { planStages } from './plan-stages.js';

const WRITING_STAGES = new Set(['$out', '$merge']);

/**
 * An aggregate's explain as mongod 7 gives it: a pipeline that is only a leading `$match`
 * runs entirely in the query layer and is explained like a find; otherwise `stages` lists
 * the `$cursor` (the query layer's plan for the leading `$match`) and then each other stage.
 * Stages that write ($out, $merge) are never run by explain.
 */
export function explainAggregate(cmd: Doc, ctx: CommandContext, verbosity: Verbosity): Doc {
  const pipeline = docsArg(cmd, 'aggregate', 'pipeline');
  const coll = cmd.aggregate === 1 ? '$cmd.aggregate' : collectionArg(cmd, 'aggregate', ctx.db);
  const first = pipeline[0];
  const leadingMatch = first && Object.keys(first)[0] === '$match' && isPlainObject(first.$match) ? first.$match : undefined;
  const filter = leadingMatch ?? {};
  const cursorStages = leadingMatch ? 1 : 0;
  const writes = pipeline.some((stage) => WRITING_STAGES.has(Object.keys(stage)[0] ?? ''));
  const run = verbosity !== 'queryPlanner' && !writes;

  const started = performance.now();
  const { result, trace } = tracePlan(() => runAggregation(cmd, ctx, pipeline, cursorStages));
  const millis = performance.now() - started;
  const stages = planStages({ filter }, trace.access);
  const queryPlanner = queryPlannerSection(`${ctx.db}.${coll}`, filter, stages.map((s) => s.doc));
  const cursorStats = run ? { executionStats: executionStatsSection(stages, { trace, returned: result.length, skipped: 0 }, millis, verbosity) } : {};
  if (pipeline.length === cursorStages) return { queryPlanner, ...cursorStats };

  const later = pipeline.slice(cursorStages).map((stage, i) => {
    if (!run) return stage;
    const before = performance.now();
    const n = runAggregation(cmd, ctx, pipeline, cursorStages + i + 1).length;
    return { ...stage, nReturned: n, executionTimeMillisEstimate: Math.round(performance.now() - before) };
  });
  const cursor = { $cursor: { queryPlanner, ...cursorStats }, ...(run ? { nReturned: result.length, executionTimeMillisEstimate: Math.round(millis) } : {}) };
  return { stages: [cursor, ...later] };
}
