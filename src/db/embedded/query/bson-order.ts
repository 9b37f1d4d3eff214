import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'bson';
import { isPlainObject } from '../storage/document-paths.js';
import { toBigInt, toNumber } from './bson-number.js';

/*
 * MongoDB's BSON comparison order, used by find's sort and by secondary indexes so both
 * order values identically: MinKey < null/missing < numbers < strings < objects < arrays
 * < binData < ObjectId < booleans < dates < timestamps < regexes < MaxKey.
 * (mingo's own comparator puts missing before null and ObjectIds last, so it is not used.)
 */
const RANK_MIN = 0;
const RANK_NULL = 1;
const RANK_NUMBER = 2;
const RANK_STRING = 3;
const RANK_OBJECT = 4;
const RANK_ARRAY = 5;
const RANK_BINARY = 6;
const RANK_OBJECT_ID = 7;
const RANK_BOOLEAN = 8;
const RANK_DATE = 9;
const RANK_TIMESTAMP = 10;
const RANK_REGEX = 11;
const RANK_OTHER = 12;
const RANK_MAX = 13;

/** The canonical type rank of a value in MongoDB's comparison order. */
export function typeRank(v: unknown): number {
  if (v === null || v === undefined) return RANK_NULL;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return RANK_NUMBER;
    case 'string':
      return RANK_STRING;
    case 'boolean':
      return RANK_BOOLEAN;
    case 'object':
      return objectRank(v);
    default:
      return RANK_OTHER;
  }
}

function objectRank(v: object): number {
  if (Array.isArray(v)) return RANK_ARRAY;
  if (v instanceof Date) return RANK_DATE;
  if (v instanceof ObjectId) return RANK_OBJECT_ID;
  if (v instanceof RegExp) return RANK_REGEX;
  if (isPlainObject(v)) return RANK_OBJECT;
  if (v instanceof Long || v instanceof Int32 || v instanceof Double || v instanceof Decimal128) return RANK_NUMBER;
  if (v instanceof Timestamp) return RANK_TIMESTAMP;
  if (v instanceof Binary || v instanceof Uint8Array) return RANK_BINARY;
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'MinKey':
      return RANK_MIN;
    case 'MaxKey':
      return RANK_MAX;
    case 'BSONSymbol':
      return RANK_STRING;
    case 'DBRef':
      return RANK_OBJECT;
    default:
      return RANK_OTHER;
  }
}

/** Compares two BSON values as MongoDB does (negative, 0, positive); 1, 1.0 and Long(1) are equal. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case RANK_NUMBER:
      return compareNumbers(a, b);
    case RANK_STRING:
      return compareStrings(String(a), String(b));
    case RANK_OBJECT:
      return compareObjects(a as object, b as object);
    case RANK_ARRAY:
      return compareArrays(a as unknown[], b as unknown[]);
    case RANK_BOOLEAN:
      return Number(a) - Number(b);
    case RANK_DATE:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case RANK_OBJECT_ID:
      return compareObjectIds(a as ObjectId, b as ObjectId);
    case RANK_TIMESTAMP:
      return (a as Timestamp).compare(b as Timestamp);
    case RANK_BINARY:
      return compareBinary(a as Binary | Uint8Array, b as Binary | Uint8Array);
    case RANK_REGEX:
      return compareStrings((a as RegExp).source, (b as RegExp).source) || compareStrings((a as RegExp).flags, (b as RegExp).flags);
    default:
      return 0;
  }
}

/** The 24-bit words this bson version keeps an ObjectId in (not public API: checked before use). */
interface ObjectIdWords { i0?: unknown; i1: number; i2: number; i3: number }

/** Byte order (= hex order) without building buffers or strings: sorts compare ids a lot. */
function compareObjectIds(a: ObjectId, b: ObjectId): number {
  const x = a as unknown as ObjectIdWords;
  const y = b as unknown as ObjectIdWords;
  if (typeof x.i0 === 'number' && typeof y.i0 === 'number') {
    return sign(x.i0 - y.i0 || x.i1 - y.i1 || x.i2 - y.i2 || x.i3 - y.i3);
  }
  return sign(Buffer.compare(a.id, b.id));
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Numbers across representations; NaN sorts below every other number, as in MongoDB. */
function compareNumbers(a: unknown, b: unknown): number {
  if (a instanceof Long && b instanceof Long) return a.compare(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
  if (x !== y) return x < y ? -1 : 1;
  // Equal as doubles: a Long beyond 2^53 may still differ from the double it rounds to.
  if ((a instanceof Long || b instanceof Long) && Number.isInteger(x)) return sign(Number(toBigInt(a) - toBigInt(b)));
  return 0;
}


/** Strings compare by UTF-8 bytes, which is code point order (UTF-16 units differ above U+D7FF). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return (a.codePointAt(i) ?? x) - (b.codePointAt(i) ?? y);
    return x - y;
  }
  return a.length - b.length;
}

/** Embedded documents: field by field in stored order, type first, then name, then value. */
function compareObjects(a: object, b: object): number {
  const ea = Object.entries(a).filter(([, v]) => v !== undefined);
  const eb = Object.entries(b).filter(([, v]) => v !== undefined);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) {
    const [ka, va] = ea[i] as [string, unknown];
    const [kb, vb] = eb[i] as [string, unknown];
    const diff = typeRank(va) - typeRank(vb) || compareStrings(ka, kb) || compareValues(va, vb);
    if (diff !== 0) return diff;
  }
  return ea.length - eb.length;
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const diff = compareValues(a[i], b[i]);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/** binData: shorter first, then subtype, then bytes. */
function compareBinary(a: Binary | Uint8Array, b: Binary | Uint8Array): number {
  const [ba, sa] = a instanceof Binary ? [a.buffer.subarray(0, a.length()), a.sub_type] : [a, 0];
  const [bb, sb] = b instanceof Binary ? [b.buffer.subarray(0, b.length()), b.sub_type] : [b, 0];
  return ba.length - bb.length || sa - sb || Buffer.compare(Buffer.from(ba), Buffer.from(bb));
}
