import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, leafValues, type Doc } from '../storage/document-paths.js';

/** mongod's $type aliases and their numbers. */
const TYPE_NUMBERS: Record<string, number> = {
  double: 1, string: 2, object: 3, array: 4, binData: 5, undefined: 6, objectId: 7, bool: 8, date: 9, null: 10,
  regex: 11, dbPointer: 12, javascript: 13, symbol: 14, javascriptWithScope: 15, int: 16, timestamp: 17, long: 18, decimal: 19, minKey: -1, maxKey: 127,
};
const NUMBER_TYPES = new Set([1, 16, 18, 19]);

const BSON_CLASS_TYPES: Record<string, number> = {
  ObjectId: 7, Binary: 5, Long: 18, Int32: 16, Double: 1, Decimal128: 19, Timestamp: 17, MinKey: -1, MaxKey: 127, Code: 13, BSONSymbol: 14, BSONRegExp: 11, DBRef: 3,
};

/**
 * The BSON type number a stored value has. JS numbers arrive from the wire promoted: an
 * integer in int32 range was sent as an int (the driver's encoding), anything else as a double.
 */
export function bsonTypeNumber(value: unknown): number {
  if (value === null) return 10;
  if (value === undefined) return 6;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 8;
  if (typeof value === 'number') return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 ? 16 : 1;
  if (Array.isArray(value)) return 4;
  if (value instanceof Date) return 9;
  if (value instanceof RegExp) return 11;
  if (isPlainObject(value)) return 3;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  return (bsonType === undefined ? undefined : BSON_CLASS_TYPES[bsonType]) ?? 3;
}

/** Parses a $type argument (alias, number, 'number' or a list of those) into a predicate on one type number. */
function typeMatcher(spec: unknown): (type: number) => boolean {
  const list = Array.isArray(spec) ? spec : [spec];
  const wanted = new Set<number>();
  let anyNumber = false;
  for (const entry of list) {
    if (entry === 'number') anyNumber = true;
    else if (typeof entry === 'string' && entry in TYPE_NUMBERS) wanted.add(TYPE_NUMBERS[entry] as number);
    else if (typeof entry === 'number' && Object.values(TYPE_NUMBERS).includes(entry)) wanted.add(entry);
    else throw new MongoError(ErrorCode.BadValue, typeof entry === 'string' ? `Unknown type name alias: ${entry}` : `Invalid numerical type code: ${String(entry)}`);
  }
  return (type) => wanted.has(type) || (anyNumber && NUMBER_TYPES.has(type));
}

/** The name `$type` is registered under: mingo's built-in operators cannot be replaced through options. */
export const BSON_TYPE_OPERATOR = '$bsonType';

/**
 * MongoDB's `$type` as a mingo query operator: mingo's own does not know objectId, binData,
 * int, long or decimal of BSON values, so `{$type: 'long'}` matched nothing.
 */
export function $bsonType(selector: string, spec: unknown): (doc: Doc) => boolean {
  const matches = typeMatcher(spec);
  return (doc) => leafValues(doc, selector).some((v) => matches(bsonTypeNumber(v)));
}

/**
 * Query operators registered under another name (mingo's built-ins cannot be replaced
 * through options): `$type` (BSON types) and `$all` (which on a non-array field must match
 * like equality, `{n: {$all: [4]}}` finding `{n: 4}`).
 */
const RENAMED: Record<string, string> = { $type: BSON_TYPE_OPERATOR, $all: '$allOf' };

/** The filter with the RENAMED operators renamed (a copy; the filter is left as it was). */
export function withRenamedOperators(filter: unknown): unknown {
  if (Array.isArray(filter)) return filter.map(withRenamedOperators);
  if (!isPlainObject(filter)) return filter;
  const out: Doc = {};
  // $expr holds aggregation expressions, whose $type is another operator.
  for (const [key, value] of Object.entries(filter)) out[RENAMED[key] ?? key] = key === '$expr' ? value : withRenamedOperators(value);
  return out;
}

/** True when a filter mentions a RENAMED operator anywhere (cheap check before copying it). */
export function mentionsRenamed(filter: unknown): boolean {
  if (Array.isArray(filter)) return filter.some(mentionsRenamed);
  if (!isPlainObject(filter)) return false;
  return Object.entries(filter).some(([key, value]) => key in RENAMED || (key !== '$expr' && mentionsRenamed(value)));
}
