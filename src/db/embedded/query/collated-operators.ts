import { Context } from 'mingo';
import { resolve } from 'mingo/util';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { typeRank } from './bson-order.js';
import { compareCollated, equalCollated } from './collated-compare.js';

type Predicate = (doc: Doc) => boolean;
type Operator = (selector: string, value: unknown) => Predicate;

/** The value at a path, arrays along it unwrapped as mingo's own operators see it. */
function at(doc: Doc, selector: string): unknown {
  return resolve(doc, selector, { unwrapArray: true });
}

/** `$eq` under a collation: the value itself, or any element of an array there (nested one level). */
function eqMatch(lhs: unknown, rhs: unknown, collator: Intl.Collator): boolean {
  if (equalCollated(lhs, rhs, collator)) return true;
  if (!Array.isArray(lhs)) return false;
  return lhs.some((v) => equalCollated(v, rhs, collator) || (Array.isArray(v) && v.some((w) => equalCollated(w, rhs, collator))));
}

function inMatch(lhs: unknown, values: unknown, collator: Intl.Collator): boolean {
  if (!Array.isArray(values)) return false;
  return values.some((v) => {
    if (v instanceof RegExp) {
      const list = Array.isArray(lhs) ? lhs : [lhs];
      return list.some((x) => typeof x === 'string' && v.test(x));
    }
    return eqMatch(lhs, v, collator);
  });
}

function rangeMatch(lhs: unknown, rhs: unknown, collator: Intl.Collator, accept: (diff: number) => boolean): boolean {
  const list = Array.isArray(lhs) ? lhs : [lhs];
  return list.some((v) => v !== undefined && typeRank(v) === typeRank(rhs) && accept(compareCollated(v, rhs, collator)));
}

// mingo's built-in operators win over a context's of the same name, so the collated ones get
// their own names and filters are rewritten to use them.
const RENAMED = {
  $eq: '$collatedEq', $ne: '$collatedNe', $in: '$collatedIn', $nin: '$collatedNin',
  $gt: '$collatedGt', $gte: '$collatedGte', $lt: '$collatedLt', $lte: '$collatedLte',
} as const;
const RENAMED_BY_NAME: Record<string, string> = RENAMED;
const LOGICAL = new Set(['$and', '$or', '$nor']);

/** The filter with its comparisons (implicit equality included) spelled with the collated operators. */
export function withCollatedOperators(filter: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(filter)) {
    if (LOGICAL.has(key) && Array.isArray(value)) out[key] = value.map((c) => (isPlainObject(c) ? withCollatedOperators(c) : c));
    else if (key.startsWith('$')) out[key] = value;
    else out[key] = conditionOf(value);
  }
  return out;
}

function conditionOf(value: unknown): unknown {
  if (value instanceof RegExp) return value;
  if (!isPlainObject(value)) return { [RENAMED.$eq]: value };
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return { [RENAMED.$eq]: value };
  const out: Doc = {};
  for (const [op, arg] of Object.entries(value)) {
    if (op === '$not' && isPlainObject(arg)) out.$not = conditionOf(arg);
    else if (op === '$elemMatch' && isPlainObject(arg)) out.$elemMatch = Object.keys(arg).every((k) => k.startsWith('$')) && !Object.keys(arg).some((k) => LOGICAL.has(k)) ? conditionOf(arg) : withCollatedOperators(arg);
    else out[RENAMED_BY_NAME[op] ?? op] = arg;
  }
  return out;
}

const contexts = new WeakMap<Intl.Collator, Context>();

/**
 * mingo's comparison operators redone with a collator: string equality and order follow
 * the collation, everything else is BSON comparison. `extra` are the server's other
 * operator overrides, kept in the same context.
 */
export function collatedContext(collator: Intl.Collator, tables: { query: Record<string, unknown> } & Record<string, unknown>): Context {
  let context = contexts.get(collator);
  if (context) return context;
  const op = (match: (lhs: unknown, value: unknown) => boolean): Operator => (selector, value) => (doc) => match(at(doc, selector), value);
  const query: Record<string, Operator> = {
    [RENAMED.$eq]: op((l, v) => eqMatch(l, v, collator)),
    [RENAMED.$ne]: op((l, v) => !eqMatch(l, v, collator)),
    [RENAMED.$in]: op((l, v) => inMatch(l, v, collator)),
    [RENAMED.$nin]: op((l, v) => !inMatch(l, v, collator)),
    [RENAMED.$gt]: op((l, v) => rangeMatch(l, v, collator, (d) => d > 0)),
    [RENAMED.$gte]: op((l, v) => rangeMatch(l, v, collator, (d) => d >= 0)),
    [RENAMED.$lt]: op((l, v) => rangeMatch(l, v, collator, (d) => d < 0)),
    [RENAMED.$lte]: op((l, v) => rangeMatch(l, v, collator, (d) => d <= 0)),
  };
  context = Context.init({ ...tables, query: { ...tables.query, ...query } } as never);
  contexts.set(collator, context);
  return context;
}
