import { BSONSymbol, DBRef, deserialize, Double, Int32, type DeserializeOptions, type Document } from 'bson';

/*
 * How stored numbers keep their BSON type. Decoding promotes int32 and double to JS numbers
 * (what mingo and the query code work with), and the encoder writes a JS number back as an
 * int32 when it is an integer in int32 range, else as a double. That round-trips every value
 * except a double holding an integer in int32 range (`new Double(5)`, which mongoose's
 * Schema.Types.Double sends): those stay `Double` instances, so they are written back as
 * doubles and `$type: 'double'` sees them. Longs and Decimal128 stay classes anyway.
 *
 * A DBRef (`{$ref, $id, $db}`) is kept as the plain document it is on the wire, so queries
 * reach its fields (`'owner.$id'`, `$elemMatch: {$id: …}`) as on mongod; it is written
 * back with the same fields in the same order.
 */

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** True for a JS number the encoder would write as an int32 (-0 it writes as a double). */
export function isInt32Number(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);
}

/**
 * Decodes BSON like `deserialize(bytes, options)` with promoted values, except that doubles
 * holding an int32-range integer come back as `Double` and DBRefs as plain documents. Most
 * payloads hold neither: a scan of the bytes (no allocation) sends only those that do
 * through the slower unpromoted decode.
 */
export function decodeKeepingDoubles(bytes: Uint8Array, options: DeserializeOptions): Document {
  if (!needsCarefulDecode(bytes)) return deserialize(bytes, options);
  return promoteNumbers(deserialize(bytes, { ...options, promoteValues: false })) as Document;
}

/** Int32 → number, Double → number unless it must stay a double, symbols → strings (as promoteValues does). */
function promoteNumbers(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Int32) return value.value;
  if (value instanceof Double) return isInt32Number(value.value) ? value : value.value;
  if (value instanceof BSONSymbol) return value.valueOf();
  if (value instanceof DBRef) return promoteNumbers(dbRefFields(value));
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = promoteNumbers(value[i]);
    return value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const doc = value as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    const next = promoteNumbers(doc[key]);
    if (next === doc[key]) continue;
    if (key === '__proto__') Object.defineProperty(doc, key, { value: next, enumerable: true, writable: true, configurable: true });
    else doc[key] = next;
  }
  return doc;
}

/** A DBRef's fields in the order the encoder writes them: $ref, $id, $db, then the rest. */
function dbRefFields(ref: DBRef): Record<string, unknown> {
  const out: Record<string, unknown> = { $ref: ref.collection, $id: ref.oid };
  if (ref.db !== undefined) out.$db = ref.db;
  for (const [key, v] of Object.entries(ref.fields)) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

// Fixed value sizes by BSON element type (-1: variable, handled below).
const FIXED_SIZE: Record<number, number> = {
  0x06: 0, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16, 0x7f: 0, 0xff: 0,
};

/**
 * Whether a BSON document holds, at any depth, a double whose value is an int32-range
 * integer or a field named `$ref` (a DBRef). Walks element headers only; anything it does
 * not recognise answers true, so the careful decode runs (and reports malformed input as
 * it always did).
 */
export function needsCarefulDecode(bytes: Uint8Array): boolean {
  try {
    return scanElements(bytes);
  } catch {
    return true; // a length running past the end: let the decoder report it
  }
}

function scanElements(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 1;
  let i = 4;
  while (i < end) {
    const type = bytes[i] as number;
    i += 1;
    if (type === 0) continue; // end of an embedded document or array
    const nul = bytes.indexOf(0, i);
    if (nul < 0) return true;
    if (nul - i === 4 && bytes[i] === 0x24 && bytes[i + 1] === 0x72 && bytes[i + 2] === 0x65 && bytes[i + 3] === 0x66) return true; // "$ref"
    i = nul + 1;
    if (i > end) return true;
    if (type === 0x01) {
      if (i + 8 > bytes.length) return true;
      if (isInt32Number(view.getFloat64(i, true))) return true;
      i += 8;
    } else if (type === 0x03 || type === 0x04) {
      i += 4; // descend: the embedded document's elements follow its size
    } else if (type === 0x02 || type === 0x0d || type === 0x0e) {
      i += 4 + length(view, i);
    } else if (type === 0x05) {
      i += 5 + length(view, i);
    } else if (type === 0x0b) {
      const pattern = bytes.indexOf(0, i);
      const flags = pattern < 0 ? -1 : bytes.indexOf(0, pattern + 1);
      if (flags < 0) return true;
      i = flags + 1;
    } else if (type === 0x0c) {
      i += 4 + length(view, i) + 12;
    } else if (type === 0x0f) {
      i += length(view, i);
    } else {
      const size = FIXED_SIZE[type];
      if (size === undefined) return true;
      i += size;
    }
  }
  return false;
}

/** A length prefix; a negative one would walk backwards forever. */
function length(view: DataView, at: number): number {
  const n = view.getInt32(at, true);
  if (n < 0) throw new RangeError('negative BSON length');
  return n;
}
