import { ObjectId } from 'bson';
import type { CollectionStore } from '../storage/collection-store.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import type { SecondaryIndex } from '../storage/secondary-index.js';
import { compareValues, typeRank } from './bson-order.js';
import { matchDocuments } from './query-runner.js';
import type { TextEngine } from './text-engine.js';

/** One bound of a range condition. */
interface Bound { value: unknown; inclusive: boolean }

/** What a filter asks of one path: equality with a value, or a range inside one BSON type. */
type PathCondition = { kind: 'eq'; value: unknown } | { kind: 'range'; rank: number; lower?: Bound; upper?: Bound };

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);
const NUMBER_RANK = typeRank(0);

/**
 * How many stored documents match `filter`, without copying any. An empty filter is the
 * collection's size; a filter an index covers is counted from that index's keys alone;
 * anything else is tested document by document.
 */
export function countMatching(store: CollectionStore | undefined, filter: Doc, text?: TextEngine): number {
  if (!store) return matchDocuments(store, filter, text).length;
  if (Object.keys(filter).length === 0) return store.size;
  return countFromIndex(store, filter) ?? matchDocuments(store, filter, text).length;
}

/**
 * The count from index keys when one usable index covers every condition of the filter:
 * equalities on its leading fields, then at most one range on the next field. Multikey
 * indexes are never used: a document there has one entry per element, and a range there may
 * be met by different elements.
 */
export function countFromIndex(store: CollectionStore, filter: Doc): number | null {
  const conditions = coveredConditions(filter);
  if (!conditions) return null;
  for (const index of store.indexes.plannable()) {
    if (index.isMultikey) continue;
    const locate = locator(index, conditions);
    if (locate) return index.countWhere(locate);
  }
  return null;
}

/** The filter as one condition per path, or null when some part is beyond what an index bound can express. */
function coveredConditions(filter: Doc): Map<string, PathCondition> | null {
  const out = new Map<string, PathCondition>();
  for (const [path, value] of Object.entries(filter)) {
    if (path.startsWith('$') || path.split('.').some((part) => part === '' || part.startsWith('$') || /^\d+$/.test(part))) return null;
    const condition = conditionOf(value);
    if (!condition) return null;
    out.set(path, condition);
  }
  return out;
}

function conditionOf(value: unknown): PathCondition | null {
  if (isBoundValue(value)) return { kind: 'eq', value };
  if (!isPlainObject(value)) return null;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]?.[0] === '$eq') return isBoundValue(value.$eq) ? { kind: 'eq', value: value.$eq } : null;
  if (entries.length === 0 || !entries.every(([op, v]) => RANGE_OPERATORS.has(op) && isBoundValue(v))) return null;
  // MongoDB compares only within one type ($gte a date never matches a string): mixed bounds are left to the matcher.
  const rank = typeRank(entries[0]?.[1]);
  if (!entries.every(([, v]) => typeRank(v) === rank)) return null;
  const range: PathCondition = { kind: 'range', rank };
  for (const [op, v] of entries) {
    const bound = { value: v, inclusive: op.endsWith('e') };
    if (op.startsWith('$g')) range.lower = tighter(range.lower, bound, 1);
    else range.upper = tighter(range.upper, bound, -1);
  }
  return range;
}

/** Of two bounds on the same side, the one admitting less (`side` 1 for lower bounds, -1 for upper). */
function tighter(current: Bound | undefined, next: Bound, side: 1 | -1): Bound {
  if (!current) return next;
  const diff = compareValues(next.value, current.value) * side;
  if (diff !== 0) return diff > 0 ? next : current;
  return current.inclusive ? next : current;
}

/**
 * Values whose equality and order in a query are exactly their order in an index key:
 * strings (no collation), booleans, finite numbers (any numeric type compares by value),
 * valid dates and ObjectIds. Not null (it also matches missing), arrays, documents or regexes.
 */
function isBoundValue(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    default:
      return v instanceof ObjectId || (v instanceof Date && !Number.isNaN(v.getTime()));
  }
}

/**
 * For an index whose leading fields carry the filter's equalities and then its one range (and
 * nothing the filter names outside them), where an entry lies relative to the matching stretch.
 */
function locator(index: SecondaryIndex, conditions: Map<string, PathCondition>): ((values: readonly unknown[]) => number) | null {
  const equal: unknown[] = [];
  let range: Extract<PathCondition, { kind: 'range' }> | undefined;
  for (const field of index.fields) {
    const condition = conditions.get(field.path);
    if (!condition) break;
    if (condition.kind === 'range') {
      range = condition;
      break;
    }
    equal.push(condition.value);
  }
  if (equal.length + (range ? 1 : 0) !== conditions.size) return null;
  const fields = index.fields;
  const n = equal.length;
  return (values) => {
    for (let i = 0; i < n; i++) {
      const diff = compareValues(values[i], equal[i]);
      if (diff !== 0) return (fields[i]?.dir ?? 1) * diff;
    }
    return range ? (fields[n]?.dir ?? 1) * placeInRange(values[n], range) : 0;
  };
}

/** -1 below the range in ascending BSON order, 0 inside, 1 above (NaN lies below every number). */
function placeInRange(value: unknown, range: { rank: number; lower?: Bound; upper?: Bound }): number {
  const rank = typeRank(value);
  if (rank !== range.rank) return rank < range.rank ? -1 : 1;
  // NaN (of any numeric type) is below every number in an index, and no range matches it.
  if (rank === NUMBER_RANK && compareValues(value, Number.NaN) === 0) return -1;
  if (range.lower) {
    const diff = compareValues(value, range.lower.value);
    if (diff < 0 || (diff === 0 && !range.lower.inclusive)) return -1;
  }
  if (range.upper) {
    const diff = compareValues(value, range.upper.value);
    if (diff > 0 || (diff === 0 && !range.upper.inclusive)) return 1;
  }
  return 0;
}
