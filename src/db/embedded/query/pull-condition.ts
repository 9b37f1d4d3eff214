import { getPath, isPlainObject, type Doc } from '../storage/document-paths.js';
import { compileQuery } from './mingo-options.js';

const LOGICAL = new Set(['$and', '$or', '$nor']);

/**
 * mingo wraps every `$pull` condition holding an operator as a value condition
 * (`{k: cond}`), so `{$or: [...]}` — which mongoose sends for `arr.pull(subdoc)` — never
 * matches. mongod treats a condition whose first key is a logical operator as a query on
 * each document element. Takes those conditions (on plain paths) out of the modifier so
 * `applyLogicalPulls` can run them instead.
 */
export function takeLogicalPulls(modifier: Doc): Doc | undefined {
  const pull = modifier.$pull;
  if (!isPlainObject(pull)) return undefined;
  const taken: Doc = {};
  const rest: Doc = {};
  for (const [path, condition] of Object.entries(pull)) {
    const first = isPlainObject(condition) ? Object.keys(condition)[0] : undefined;
    if (!path.includes('$') && first !== undefined && LOGICAL.has(first)) taken[path] = condition;
    else rest[path] = condition;
  }
  // A new object: the modifier shares the client's, which the next matched document reuses.
  if (Object.keys(rest).length === 0) delete modifier.$pull;
  else modifier.$pull = rest;
  return Object.keys(taken).length > 0 ? taken : undefined;
}

/** Removes from each array the document elements its condition matches (scalars never match, as in mongod). */
export function applyLogicalPulls(doc: Doc, pulls: Doc): void {
  for (const [path, condition] of Object.entries(pulls)) {
    const query = compileQuery(condition as Doc);
    const parts = path.split('.');
    const field = parts.pop() as string;
    const parent = parts.length === 0 ? doc : getPath(doc, parts.join('.'));
    if (!isPlainObject(parent)) continue;
    const current = parent[field];
    if (!Array.isArray(current)) continue;
    const kept = current.filter((element) => !(isPlainObject(element) && query.test(element)));
    if (kept.length !== current.length) parent[field] = kept;
  }
}
