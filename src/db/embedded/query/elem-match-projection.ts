import { isPlainObject, setOwn, type Doc } from '../storage/document-paths.js';
import { compileQuery } from './mingo-options.js';

const LOGICAL = new Set(['$and', '$or', '$nor']);

/** A projection's `{field: {$elemMatch: cond}}` entries, split from the rest. */
export interface ElemMatchProjection { rest: Doc; elemMatches: Array<[field: string, condition: Doc]> }

/**
 * Takes the `$elemMatch` entries out of a projection. mingo compiles their condition as a
 * query on each element, so a condition of operators only (`{$in: [...]}`, `{$gte: 3}`),
 * which mongod applies to scalar elements, failed with "unknown top level operator".
 */
export function splitElemMatch(projection: Doc): ElemMatchProjection {
  const rest: Doc = {};
  const elemMatches: Array<[string, Doc]> = [];
  for (const [field, value] of Object.entries(projection)) {
    if (isPlainObject(value) && isPlainObject(value.$elemMatch) && !field.includes('.')) elemMatches.push([field, value.$elemMatch]);
    else rest[field] = value;
  }
  return { rest, elemMatches };
}

/** The test one element must pass: the condition as a query on a document element, or on the value itself. */
function elementTest(condition: Doc): (element: unknown) => boolean {
  const keys = Object.keys(condition);
  const onValue = keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k));
  if (onValue) {
    const query = compileQuery({ v: condition });
    return (element) => query.test({ v: element });
  }
  const query = compileQuery(condition);
  return (element) => isPlainObject(element) && query.test(element);
}

/** Sets each `$elemMatch` field of `out` to its first matching element of `source` (or drops it), as mongod does. */
export function applyElemMatch(out: Doc, source: Doc, elemMatches: ElemMatchProjection['elemMatches']): Doc {
  for (const [field, condition] of elemMatches) {
    const list = Object.prototype.hasOwnProperty.call(source, field) ? source[field] : undefined;
    const first = Array.isArray(list) ? list.find(elementTest(condition)) : undefined;
    if (first === undefined) delete out[field];
    else setOwn(out, field, [first]);
  }
  return out;
}
