import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';
import type { AccessPlan, PlanTrace } from '../query/plan-trace.js';
import { parsedQuery } from './parsed-query.js';

/** The parts of a read that shape its plan above the access path. */
export interface ReadShape { filter: Doc; sort?: Doc | undefined; skip?: number | undefined; limit?: number | undefined; projection?: Doc | undefined }

/** What running the read gave: its trace, how many documents it returned and how many the skip dropped. */
export interface ReadOutcome { trace: PlanTrace; returned: number; skipped: number }

// mongod's default in-memory sort limit (internalQueryMaxBlockingSortMemoryUsageBytes).
const SORT_MEMORY_LIMIT = 104857600;

/** One stage while the tree is built bottom-up; `count` says which counter its nReturned is. */
export interface Stage { doc: Doc; count: 'keys' | 'matched' | 'sorted' | 'returned'; counted?: number }

/**
 * The winning plan mongod would print for this read, from the access path the planner
 * recorded: COLLSCAN, IDHACK, IXSCAN under FETCH, EOF or TEXT_MATCH, then SORT when no index
 * gave the order, SKIP, LIMIT and the projection stage.
 */
export function planStages(shape: ReadShape, access: AccessPlan | undefined): Stage[] {
  const filter = parsedQuery(shape.filter);
  const sort = shape.sort && Object.keys(shape.sort).length > 0 && !('$natural' in shape.sort) ? shape.sort : undefined;
  const stages = accessStages(shape, access ?? { kind: 'collscan' }, filter);
  const sortedByIndex = access?.kind === 'ixscan' && access.providesSort;
  const skip = shape.skip ?? 0;
  const limit = shape.limit && shape.limit > 0 ? shape.limit : undefined;
  if (sort && !sortedByIndex) {
    stages.push({ doc: { stage: 'SORT', sortPattern: sort, memLimit: SORT_MEMORY_LIMIT, ...(limit ? { limitAmount: limit + skip } : {}), type: 'simple' }, count: 'sorted' });
  }
  if (skip > 0) stages.push({ doc: { stage: 'SKIP', skipAmount: skip }, count: 'returned' });
  if (limit && !(sort && !sortedByIndex)) stages.push({ doc: { stage: 'LIMIT', limitAmount: limit }, count: 'returned' });
  if (shape.projection && Object.keys(shape.projection).length > 0) {
    stages.push({ doc: { stage: projectionStage(shape.projection), transformBy: shape.projection }, count: 'returned' });
  }
  return stages;
}

function accessStages(shape: ReadShape, access: AccessPlan, filter: Doc): Stage[] {
  const withFilter = (doc: Doc, f: Doc): Doc => (Object.keys(f).length > 0 ? { ...doc, filter: f } : doc);
  switch (access.kind) {
    case 'eof':
      return [{ doc: { stage: 'EOF' }, count: 'matched' }];
    case 'collscan':
      return [{ doc: withFilter({ stage: 'COLLSCAN' }, filter), count: 'matched' }];
    case 'text':
      return [
        { doc: { stage: 'IXSCAN', indexName: access.indexName, direction: 'forward' }, count: 'keys' },
        { doc: { stage: 'TEXT_OR' }, count: 'matched' },
        { doc: { stage: 'TEXT_MATCH', indexName: access.indexName, textIndexVersion: 3 }, count: 'matched' },
      ];
    case 'ixscan': {
      const onlyId = Object.keys(shape.filter).length === 1 && access.indexName === '_id_' && access.bounds[0]?.length === 1;
      if (onlyId && !shape.sort && !shape.skip) return [{ doc: { stage: 'IDHACK' }, count: 'matched' }];
      const residual = residualFilter(shape.filter, access);
      return [
        { doc: ixscanStage(access), count: 'keys' },
        { doc: withFilter({ stage: 'FETCH' }, parsedQuery(residual)), count: 'matched' },
      ];
    }
  }
}

function ixscanStage(access: Extract<AccessPlan, { kind: 'ixscan' }>): Doc {
  const fields = Object.entries(access.keyPattern);
  const indexBounds: Doc = {};
  fields.forEach(([path, dir], i) => {
    const values = access.bounds[i];
    const descending = (dir === -1) !== access.backward;
    indexBounds[path] = values && values.length > 0
      ? values.map((v) => `[${formatValue(v)}, ${formatValue(v)}]`)
      : [descending ? '[MaxKey, MinKey]' : '[MinKey, MaxKey]'];
  });
  return {
    stage: 'IXSCAN',
    keyPattern: access.keyPattern,
    indexName: access.indexName,
    isMultiKey: access.multiKey,
    multiKeyPaths: Object.fromEntries(fields.map(([path]) => [path, []])),
    isUnique: access.unique,
    isSparse: false,
    isPartial: false,
    indexVersion: 2,
    direction: access.backward ? 'backward' : 'forward',
    indexBounds,
  };
}

/** The filter left for FETCH once the scan's equality bounds are met (top-level fields it pinned dropped). */
function residualFilter(filter: Doc, access: Extract<AccessPlan, { kind: 'ixscan' }>): Doc {
  const pinned = new Set(Object.keys(access.keyPattern).filter((_, i) => (access.bounds[i]?.length ?? 0) > 0));
  return Object.fromEntries(Object.entries(filter).filter(([path, value]) => !(pinned.has(path) && isBoundCondition(value))));
}

function isBoundCondition(value: unknown): boolean {
  if (!isPlainObject(value)) return !(value instanceof RegExp) && !Array.isArray(value);
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === '$eq' || keys[0] === '$in');
}

/** mongod's name for the projection stage: simple top-level inclusions/exclusions, or the general one. */
function projectionStage(projection: Doc): string {
  const simple = Object.entries(projection).every(([k, v]) => !k.includes('.') && !k.startsWith('$') && (typeof v === 'number' || typeof v === 'boolean'));
  return simple ? 'PROJECTION_SIMPLE' : 'PROJECTION_DEFAULT';
}

/** The counters of a COUNT, UPDATE or DELETE root: what it counted or would have written. */
function writeCounters(stage: string, n: number): Doc {
  if (stage === 'COUNT') return { nCounted: n, nSkipped: 0 };
  if (stage === 'DELETE') return { nWouldDelete: n };
  return { nMatched: n, nWouldModify: n, nWouldUpsert: false };
}

/** Nests the stages bottom-up into mongod's `inputStage` tree. */
export function nestStages(stages: Doc[]): Doc {
  let tree: Doc | undefined;
  for (const stage of stages) tree = tree ? { ...stage, inputStage: tree } : { ...stage };
  return tree ?? { stage: 'EOF' };
}

/** The stages with executionStats' counters, as the executionStages tree. */
export function executionStages(stages: Stage[], outcome: ReadOutcome): Doc {
  const { trace, returned, skipped } = outcome;
  const annotated = stages.map(({ doc, count, counted }) => {
    const n = count === 'keys' ? trace.keysExamined : count === 'matched' ? trace.docsMatched : count === 'sorted' ? returned + skipped : returned;
    const examined = count === 'keys' ? trace.keysExamined : doc.stage === 'FETCH' || doc.stage === 'COLLSCAN' ? trace.docsExamined : n;
    const works = examined + 1;
    const stats: Doc = {
      nReturned: n,
      executionTimeMillisEstimate: 0,
      works,
      advanced: n,
      needTime: Math.max(0, works - n - 1),
      needYield: 0,
      saveState: 0,
      restoreState: 0,
      isEOF: 1,
    };
    if (doc.stage === 'COLLSCAN' || doc.stage === 'FETCH' || doc.stage === 'IDHACK') stats.docsExamined = trace.docsExamined;
    if (doc.stage === 'IXSCAN' || doc.stage === 'IDHACK') stats.keysExamined = trace.keysExamined;
    if (counted !== undefined) Object.assign(stats, writeCounters(String(doc.stage), counted));
    const { stage, ...rest } = doc;
    return { stage, ...stats, ...rest };
  });
  return nestStages(annotated);
}
