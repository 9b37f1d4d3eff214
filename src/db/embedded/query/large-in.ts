import { canonicalKey } from '../canonical-key.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { isEqualityValue } from './index-predicates.js';

/** From this many values on, a set lookup beats mingo's $in (which hashes the whole list per document). */
const LARGE = 16;

/**
 * Takes top-level `field: {$in: [many scalars]}` conditions out of a filter and tests them with a
 * set of canonical keys instead: mingo re-hashes the whole list for every document, which turns
 * "users whose _id is one of 10,000" into 100 million hash operations. Same meaning: a scalar
 * field matches when it equals a value, an array field when any element does.
 */
export function splitLargeIn(filter: Doc): { filter: Doc; test: ((doc: Doc) => boolean) | null } {
  const tests: ((doc: Doc) => boolean)[] = [];
  const rest: Doc = {};
  for (const [field, condition] of Object.entries(filter)) {
    const values = largeInValues(field, condition);
    if (!values) {
      rest[field] = condition;
      continue;
    }
    const keys = new Set(values.map((v) => canonicalKey(v)));
    tests.push((doc) => {
      const value = doc[field];
      if (Array.isArray(value)) return value.some((v) => v !== undefined && keys.has(canonicalKey(v)));
      return value !== undefined && value !== null && keys.has(canonicalKey(value));
    });
  }
  if (tests.length === 0) return { filter, test: null };
  return { filter: rest, test: (doc) => tests.every((t) => t(doc)) };
}

function largeInValues(field: string, condition: unknown): unknown[] | null {
  if (field.startsWith('$') || field.includes('.') || !isPlainObject(condition)) return null;
  const keys = Object.keys(condition);
  if (keys.length !== 1 || keys[0] !== '$in') return null;
  const values = condition.$in;
  if (!Array.isArray(values) || values.length < LARGE || !values.every(isEqualityValue)) return null;
  return values;
}
