import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'bson';

/**
 * A stable string for a BSON value such that two values get the same key exactly when
 * MongoDB's index would treat them as equal: numbers compare by value across types
 * (1, 1.0, Int32(1), Long(1), Decimal128('1') are one key), embedded documents by
 * field order and values, arrays element by element. Used for _id maps and unique indexes.
 */
export function canonicalKey(value: unknown): string {
  if (value === null || value === undefined) return 'z';
  switch (typeof value) {
    case 'number':
      return numberKey(value);
    case 'bigint':
      return `n${value.toString()}`;
    case 'string':
      return `s${JSON.stringify(value)}`;
    case 'boolean':
      return value ? 'bt' : 'bf';
    case 'object':
      return objectKey(value);
    default:
      return `?${String(value)}`;
  }
}

function numberKey(n: number): string {
  if (Number.isNaN(n)) return 'nNaN';
  if (!Number.isFinite(n)) return n > 0 ? 'n+Inf' : 'n-Inf';
  // Safe integers print in full already; larger ones go through BigInt so a huge double and
  // the equal Long share one key (toString would switch to exponent notation past 1e21).
  if (Number.isSafeInteger(n)) return `n${n}`;
  if (Number.isInteger(n)) return `n${BigInt(n).toString()}`;
  return `n${n.toString()}`;
}

function objectKey(value: object): string {
  if (value instanceof ObjectId) return `o${value.toHexString()}`;
  if (value instanceof Date) return `t${value.getTime()}`;
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (value instanceof Long) return numberKeyFromDecimalString(value.toString());
  if (value instanceof Int32 || value instanceof Double) return numberKey(value.valueOf());
  if (value instanceof Decimal128) return numberKeyFromDecimalString(value.toString());
  if (value instanceof RegExp) return `r/${value.source}/${value.flags}`;
  if (value instanceof Timestamp) return `T${value.toString()}`;
  if (value instanceof Binary) return `x${value.sub_type}:${Buffer.from(value.buffer).toString('base64')}`;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `x0:${Buffer.from(value).toString('base64')}`;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType) return `${bsonType}:${String(value)}`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalKey(v)}`).join(',')}}`;
}

function numberKeyFromDecimalString(text: string): string {
  const n = Number(text);
  if (Number.isNaN(n)) return text.toLowerCase().includes('nan') ? 'nNaN' : `d${text}`;
  if (!Number.isFinite(n)) return n > 0 ? 'n+Inf' : 'n-Inf';
  if (/^-?\d+$/.test(text)) return `n${BigInt(text).toString()}`;
  // Close enough for decimals: 1.0 and 1 share a key; exotic precision differences are not modelled.
  return numberKey(n);
}
