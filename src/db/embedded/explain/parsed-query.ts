import { isPlainObject, type Doc } from '../storage/document-paths.js';

/**
 * A filter in the form mongod's explain shows as `parsedQuery`: every condition an operator
 * (`{a: 1}` → `{a: {$eq: 1}}`), several conditions joined under one `$and`.
 */
export function parsedQuery(filter: Doc): Doc {
  const clauses = Object.entries(filter).flatMap(([path, value]) => clausesOf(path, value));
  if (clauses.length === 0) return {};
  return clauses.length === 1 ? (clauses[0] as Doc) : { $and: clauses };
}

function clausesOf(path: string, value: unknown): Doc[] {
  if (path === '$and' && Array.isArray(value)) return value.filter(isPlainObject).flatMap((c) => Object.entries(c).flatMap(([p, v]) => clausesOf(p, v)));
  if (path.startsWith('$')) return [{ [path]: value }];
  if (value instanceof RegExp) return [{ [path]: { $regex: value.source, ...(value.flags ? { $options: value.flags } : {}) } }];
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) return keys.map((k) => ({ [path]: { [k]: value[k] } }));
  }
  return [{ [path]: { $eq: value } }];
}
