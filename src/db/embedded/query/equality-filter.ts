import { activeCollator } from './collation.js';
import { ObjectId } from 'bson';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { compileQuery } from './mingo-options.js';

/** What a filter needs from a compiled query to select documents. */
export interface DocumentTest {
  test(doc: Doc): boolean;
}

type Scalar = string | number | boolean | ObjectId | Date;

/**
 * A filter of plain equalities on scalars (`{_id: id, status: 'pending'}`, what most writes
 * send) tested directly. Compiling it with mingo costs more than the write itself, and the
 * compiled-filter cache cannot help when every statement names another _id. A document
 * where the answer depends on array semantics (an array along the path) is handed to mingo,
 * as is any filter of another shape.
 */
export function compileFilter(filter: Doc): DocumentTest {
  // Under a collation, string equality is the collator's: only mingo's collated operators know it.
  const terms = activeCollator() ? null : equalityTerms(filter);
  if (!terms) return compileQuery(filter);
  let mingo: DocumentTest | undefined;
  return {
    test(doc: Doc): boolean {
      for (const [path, expected] of terms) {
        const verdict = equals(valueAt(doc, path), expected);
        if (verdict === false) return false;
        if (verdict === undefined) {
          mingo ??= compileQuery(filter);
          return mingo.test(doc);
        }
      }
      return true;
    },
  };
}

function equalityTerms(filter: Doc): [string[], Scalar][] | null {
  const terms: [string[], Scalar][] = [];
  for (const [path, value] of Object.entries(filter)) {
    if (path.startsWith('$') || path.split('.').some((part) => part === '' || part.startsWith('$') || /^\d+$/.test(part))) return null;
    if (!isScalar(value)) return null;
    terms.push([path.split('.'), value]);
  }
  return terms;
}

function isScalar(value: unknown): value is Scalar {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return value instanceof ObjectId || (value instanceof Date && !Number.isNaN(value.getTime()));
}

const ARRAY_ON_PATH = Symbol('array on path');

function valueAt(doc: Doc, path: readonly string[]): unknown {
  let current: unknown = doc;
  for (const part of path) {
    if (Array.isArray(current)) return ARRAY_ON_PATH;
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return Array.isArray(current) ? ARRAY_ON_PATH : current;
}

/** true or false when the answer is certain; undefined when mingo must decide (arrays, numeric BSON classes). */
function equals(actual: unknown, expected: Scalar): boolean | undefined {
  if (actual === ARRAY_ON_PATH) return undefined;
  if (actual === undefined || actual === null) return false;
  if (typeof expected === 'string' || typeof expected === 'boolean') return actual === expected;
  if (typeof expected === 'number') {
    if (typeof actual === 'number') return actual === expected;
    // Long, Decimal128, Int32 and Double compare by numeric value: mingo knows how.
    return typeof actual === 'object' && !(actual instanceof ObjectId) && !(actual instanceof Date) && !isPlainObject(actual) ? undefined : false;
  }
  if (expected instanceof ObjectId) return actual instanceof ObjectId ? actual.equals(expected) : false;
  return actual instanceof Date ? actual.getTime() === expected.getTime() : false;
}
