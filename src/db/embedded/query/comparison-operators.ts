import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { ensureArray, flatten, isOperator, resolve } from 'mingo/util';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { compareValues, typeRank } from './bson-order.js';

/*
 * MongoDB's comparison query operators, replacing mingo's. mingo compares values with its
 * own equality (same constructor, then toString) and ordering (JS types), so 5 did not equal
 * Long(5), Double(5) or Decimal128('5'), `{a: {x: 1, y: 2}}` matched `{a: {y: 2, x: 1}}`,
 * and ranges never crossed numeric classes. Here both use bson-order.ts, the comparison that
 * sort and the indexes already use: numbers are one type, documents compare field by field
 * in stored order. The path handling (arrays along the path, an array's elements) is
 * mingo's, unchanged.
 */

type Predicate = (doc: Doc) => boolean;

/** Equal in MongoDB's sense: same canonical type and compareValues says equal. */
export function bsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeRank(a) !== typeRank(b)) return false;
  return compareValues(a, b) === 0 && sameOtherValue(a, b);
}

// compareValues cannot order values of unknown BSON types (code, dbPointer…): tell them apart by text.
function sameOtherValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return true;
  const ta = (a as { _bsontype?: string })._bsontype;
  if (ta === undefined || ta === 'ObjectId' || ta === 'Binary' || ta === 'Timestamp' || ta === 'DBRef') return true;
  if (ta === 'Long' || ta === 'Double' || ta === 'Int32' || ta === 'Decimal128') return true;
  return ta === (b as { _bsontype?: string })._bsontype && String(a) === String(b);
}

const isNil = (v: unknown): boolean => v === null || v === undefined;

/** The values at a dotted path, as mingo's operators see them (arrays unwrapped), and the path's depth. */
function onPath(selector: string, test: (value: unknown, depth: number) => boolean): Predicate {
  const depth = selector.split('.').length - 1;
  return (doc) => test(resolve(doc, selector, { unwrapArray: true }), depth);
}

function equalsAt(actual: unknown, expected: unknown, depth: number): boolean {
  if (bsonEquals(actual, expected)) return true;
  if (isNil(actual) && isNil(expected)) return true;
  if (Array.isArray(actual)) {
    return actual.some((v) => bsonEquals(v, expected)) || flatten(actual, Math.max(depth, 1)).some((v) => bsonEquals(v, expected));
  }
  return false;
}

function inList(actual: unknown, list: unknown[]): boolean {
  if (isNil(actual)) return list.some((v) => v === null);
  // A whole array may equal a listed array; otherwise any element may equal a listed value.
  if (Array.isArray(actual) && list.some((v) => Array.isArray(v) && bsonEquals(actual, v))) return true;
  return ensureArray(actual).some((v) => list.some((e) => (e instanceof RegExp ? typeof v === 'string' && e.test(v) : bsonEquals(v, e))));
}

/** Ranges compare within one type bracket (numbers with numbers, strings with strings…); missing counts as null. */
function range(accept: (order: number) => boolean) {
  return (selector: string, bound: unknown): Predicate =>
    onPath(selector, (actual) => {
      const rank = typeRank(bound);
      const candidates = Array.isArray(actual) && !Array.isArray(bound) ? actual : [actual];
      return candidates.some((v) => typeRank(v) === rank && inRange(v ?? null, bound, accept));
    });
}

// NaN sorts below every number, but a range never takes it: only $gte/$lte of NaN itself
// match NaN (mongod's comparison match expressions special-case it the same way).
function inRange(value: unknown, bound: unknown, accept: (order: number) => boolean): boolean {
  const nanValue = isNaNNumber(value);
  if (nanValue || isNaNNumber(bound)) return nanValue && isNaNNumber(bound) && accept(0);
  return accept(compareValues(value, bound));
}

function isNaNNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  return typeof value === 'object' && value !== null && (value as { _bsontype?: string })._bsontype === 'Double' && Number.isNaN(Number(value.valueOf()));
}

function listArgument(op: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${op} needs an array`);
  return value;
}

// Field names a DBRef stores ($ref, $id, $db): inside $elemMatch they name fields, not operators.
const DBREF_FIELDS = new Set(['$ref', '$id', '$db']);

/** `$elemMatch`, as mingo's, except that DBRef field names ($id, $ref, $db) are conditions on fields. */
function $elemMatch(selector: string, criteria: unknown, options: Options): Predicate {
  if (!isPlainObject(criteria)) throw new Error('$elemMatch needs an Object');
  const element = elementPredicate(criteria, options);
  return onPath(selector, (actual) => Array.isArray(actual) && actual.some(element));
}

function elementPredicate(criteria: Doc, options: Options): (element: unknown) => boolean {
  const keys = Object.keys(criteria);
  if (keys.length === 0) return (v) => isPlainObject(v);
  const dbRef = keys.filter((k) => DBREF_FIELDS.has(k));
  const rest = Object.fromEntries(Object.entries(criteria).filter(([k]) => !DBREF_FIELDS.has(k)));
  const restKeys = Object.keys(rest);
  // Only operators (`{$gt: 3}`): a condition on the element itself.
  if (dbRef.length === 0 && restKeys.every((k) => isOperator(k) && k !== '$and' && k !== '$or' && k !== '$nor')) {
    const q = new Query({ field: criteria }, options);
    return (v) => q.test({ field: v });
  }
  const q = restKeys.length > 0 ? new Query(rest, options) : null;
  const refs = dbRef.map((k) => [k, new Query({ field: criteria[k] }, options)] as const);
  return (v) => {
    if (!isPlainObject(v)) return false;
    if (q && !q.test(v)) return false;
    return refs.every(([k, r]) => r.test({ field: Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined }));
  };
}

/**
 * The filter with DBRef values (`{owner: {$ref: 'users', $id: …}}`) marked as equalities:
 * mingo reads a document of `$` keys as operators and refused `$ref`. Other shapes are
 * returned as they are (no copy).
 */
export function withDbRefEqualities(filter: Doc): Doc {
  let out: Doc | null = null;
  for (const [field, value] of Object.entries(filter)) {
    let next = value;
    if ((field === '$and' || field === '$or' || field === '$nor') && Array.isArray(value)) {
      const clauses = value.map((c) => (isPlainObject(c) ? withDbRefEqualities(c) : c));
      if (clauses.some((c, i) => c !== value[i])) next = clauses;
    } else if (!field.startsWith('$') && isPlainObject(value) && Object.keys(value)[0] === '$ref') {
      next = { $eq: value };
    }
    if (next !== value) {
      out ??= { ...filter };
      out[field] = next;
    }
  }
  return out ?? filter;
}

/** The replacements, to register in mingo's query operator table. */
export const COMPARISON_OPERATORS = {
  $eq: (selector: string, value: unknown): Predicate => onPath(selector, (actual, depth) => equalsAt(actual, value, depth)),
  $ne: (selector: string, value: unknown): Predicate => onPath(selector, (actual, depth) => !equalsAt(actual, value, depth)),
  $in: (selector: string, value: unknown): Predicate => {
    const list = listArgument('$in', value);
    return onPath(selector, (actual) => inList(actual, list));
  },
  $nin: (selector: string, value: unknown): Predicate => {
    const list = listArgument('$nin', value);
    return onPath(selector, (actual) => !inList(actual, list));
  },
  $gt: range((order) => order > 0),
  $gte: range((order) => order >= 0),
  $lt: range((order) => order < 0),
  $lte: range((order) => order <= 0),
  $elemMatch,
};
