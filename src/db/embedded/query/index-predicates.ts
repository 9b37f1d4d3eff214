import { isPlainObject, type Doc } from '../storage/document-paths.js';

/**
 * An equality-like condition on one path that an index lookup can serve: `eq` one value,
 * `in` any of the values, `all` every one of the values (an array field holding each).
 */
export interface IndexPredicate { kind: 'eq' | 'in' | 'all'; values: unknown[] }

/**
 * The conditions of a filter that narrow it to index lookups, by path. Only top-level fields
 * and top-level `$and` clauses count: everything there must hold, so any one of them gives a
 * superset of the matches. Other operators are ignored here and checked by the full filter.
 */
export function indexPredicates(filter: Doc): Map<string, IndexPredicate[]> {
  const out = new Map<string, IndexPredicate[]>();
  collectPredicates(filter, out);
  return out;
}

function collectPredicates(filter: Doc, out: Map<string, IndexPredicate[]>): void {
  for (const [path, value] of Object.entries(filter)) {
    if (path === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) collectPredicates(clause, out);
      continue;
    }
    if (path.startsWith('$')) continue;
    for (const predicate of predicatesOf(value)) {
      const list = out.get(path) ?? [];
      list.push(predicate);
      out.set(path, list);
    }
  }
}

function predicatesOf(value: unknown): IndexPredicate[] {
  if (isEqualityValue(value)) return [{ kind: 'eq', values: [value] }];
  if (!isPlainObject(value)) return [];
  const keys = Object.keys(value);
  // {a: {x: 1}} is embedded-document equality, not operators.
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return [];
  const found: IndexPredicate[] = [];
  if (isEqualityValue(value.$eq)) found.push({ kind: 'eq', values: [value.$eq] });
  if (isValueList(value.$in)) found.push({ kind: 'in', values: value.$in });
  if (isValueList(value.$all)) found.push({ kind: 'all', values: value.$all });
  return found;
}

function isValueList(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0 && v.every(isEqualityValue);
}

/**
 * Scalars and BSON value objects: values whose equality match is exactly "an index key equals
 * it". Not null (also matches missing), arrays (whole-array equality), embedded documents or regexes.
 */
export function isEqualityValue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'number') return !Number.isNaN(v);
  if (typeof v !== 'object') return true;
  return !Array.isArray(v) && !isPlainObject(v) && !(v instanceof RegExp) && !isMinMaxKey(v);
}

function isMinMaxKey(v: object): boolean {
  const type = (v as { _bsontype?: string })._bsontype;
  return type === 'MinKey' || type === 'MaxKey';
}
