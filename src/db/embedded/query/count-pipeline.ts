import { isPlainObject, type Doc } from '../storage/document-paths.js';

/** The pipeline the drivers send for countDocuments: `$match`, optional `$skip`/`$limit`, one `$group` summing 1. */
export interface CountPipeline { filter: Doc; skip: number; limit: number | undefined; id: unknown; field: string }

/**
 * Recognises countDocuments' pipeline (`[{$match}, {$skip}?, {$limit}?, {$group: {_id: const,
 * n: {$sum: 1}}}]`), so it can be answered by counting instead of copying every matching
 * document into a pipeline. Any other shape, or an unusual argument, returns null and runs
 * as a pipeline, with the pipeline's own checks and errors.
 */
export function countPipeline(pipeline: Doc[]): CountPipeline | null {
  const [first, ...rest] = pipeline;
  if (!first || !isPlainObject(first.$match) || Object.keys(first).length !== 1) return null;
  const group = rest.pop();
  const counter = group ? countGroup(group) : null;
  if (!counter) return null;
  let skip = 0;
  let limit: number | undefined;
  for (const stage of rest) {
    const [name, ...others] = Object.keys(stage);
    if (others.length > 0) return null;
    const value = stage[name as string];
    if (name === '$skip' && limit === undefined && skip === 0 && isCount(value, 0)) skip = value;
    else if (name === '$limit' && limit === undefined && isCount(value, 1)) limit = value;
    else return null;
  }
  return { filter: first.$match, skip, limit, ...counter };
}

/** The pipeline's output for `total` matching documents: no group at all when nothing is left to count. */
export function countPipelineResult(count: CountPipeline, total: number): Doc[] {
  const left = Math.max(0, total - count.skip);
  const n = count.limit === undefined ? left : Math.min(left, count.limit);
  return n === 0 ? [] : [{ _id: count.id, [count.field]: n }];
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** `{$group: {_id: <constant>, <field>: {$sum: 1}}}` → its _id and field. */
function countGroup(stage: Doc): { id: unknown; field: string } | null {
  if (Object.keys(stage).length !== 1 || !isPlainObject(stage.$group)) return null;
  const entries = Object.entries(stage.$group);
  if (entries.length !== 2 || entries[0]?.[0] !== '_id') return null;
  const id = entries[0][1];
  const constant = id === null || typeof id === 'number' || typeof id === 'boolean' || (typeof id === 'string' && !id.startsWith('$'));
  const [field, accumulator] = entries[1] as [string, unknown];
  if (!constant || field.startsWith('$') || field.includes('.')) return null;
  const sumsOne = isPlainObject(accumulator) && Object.keys(accumulator).length === 1 && accumulator.$sum === 1;
  return sumsOne ? { id, field } : null;
}
