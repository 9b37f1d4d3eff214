/** A stored document: a plain object whose leaves may be BSON classes (ObjectId, Decimal128, ...). */
export type Doc = Record<string, unknown>;

/** True for plain objects (embedded documents), false for arrays, Dates and BSON value classes. */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep copy of a document: plain objects, arrays and Dates are copied; BSON value classes
 * (ObjectId, Decimal128, Binary, Long) are immutable in practice and shared.
 * (structuredClone would turn them into plain objects.)
 */
export function cloneDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneDocument(v)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, cloneDocument(v));
  return out as T;
}

/**
 * Sets a field as an own data property. `obj['__proto__'] = v` would replace the object's
 * prototype instead: a field named `__proto__` is data to MongoDB and must stay data here,
 * without ever reaching a prototype.
 */
export function setOwn(obj: Doc, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** An own field's value (`obj.__proto__` would read the prototype). */
function ownField(obj: Doc, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** The value at a dotted path without array expansion (numeric parts index arrays). */
export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) current = /^\d+$/.test(part) ? current[Number(part)] : undefined;
    else if (isPlainObject(current)) current = ownField(current, part);
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * Every value an index on `path` sees in doc, as mongod's multikey indexing does: arrays
 * along the path fan out, an array at the leaf contributes its elements (an empty one
 * contributes `undefined`). Returns [] when the path is missing.
 */
export function indexValues(doc: unknown, path: string): unknown[] {
  return collect(doc, path.split('.'), 0);
}

function collect(current: unknown, parts: string[], i: number): unknown[] {
  if (i === parts.length) {
    if (!Array.isArray(current)) return current === undefined ? [] : [current];
    return current.length === 0 ? [undefined] : current;
  }
  const part = parts[i] as string;
  if (Array.isArray(current)) {
    if (/^\d+$/.test(part)) {
      const direct = collect(current[Number(part)], parts, i + 1);
      if (direct.length > 0) return direct;
    }
    return current.flatMap((el) => (isPlainObject(el) ? collect(el, parts, i) : []));
  }
  if (!isPlainObject(current)) return [];
  return collect(ownField(current, part), parts, i + 1);
}

/** Sets a dotted path, creating intermediate objects (used to seed upserted documents). */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Doc = doc;
  for (const part of parts.slice(0, -1)) {
    let next = ownField(current, part);
    if (!isPlainObject(next)) {
      next = {};
      setOwn(current, part, next);
    }
    current = next as Doc;
  }
  setOwn(current, parts[parts.length - 1] as string, value);
}

/** Puts `_id` first, as mongod stores it. */
export function idFirst(doc: Doc): Doc {
  const keys = Object.keys(doc);
  if (keys[0] === '_id' || !('_id' in doc)) return doc;
  const out: Doc = { _id: doc._id };
  for (const k of keys) if (k !== '_id') setOwn(out, k, doc[k]);
  return out;
}

/**
 * The values a query predicate on `path` tests, as mongod's leaf matching does: arrays of
 * embedded documents along the path fan out (a numeric part also indexes into the array);
 * at the end an array is tried whole and element by element.
 */
export function leafValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collectLeaves(doc, path.split('.'), 0, out);
  return out;
}

function collectLeaves(current: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (current === undefined) return;
    out.push(current);
    if (Array.isArray(current)) out.push(...current);
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(current)) {
    if (/^\d+$/.test(part)) collectLeaves(current[Number(part)], parts, i + 1, out);
    for (const el of current) if (isPlainObject(el)) collectLeaves(el, parts, i, out);
    return;
  }
  if (isPlainObject(current) && Object.prototype.hasOwnProperty.call(current, part)) collectLeaves(current[part], parts, i + 1, out);
}
