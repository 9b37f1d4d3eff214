import { canonicalKey } from '../canonical-key.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, type Doc } from './document-paths.js';
import { isGeoKey, normalizeGeoSpec } from '../geo/geo-index-keys.js';

/** The spec of the index every collection has. */
export const ID_INDEX_SPEC: Doc = { v: 2, key: { _id: 1 }, name: '_id_' };

const KNOWN_STRING_KEYS = new Set(['text', '2dsphere', '2d', 'hashed']);
// Options that make two specs with the same name different indexes.
const COMPARED_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation', 'weights', 'default_language', 'language_override'];
const PASSTHROUGH_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation', 'hidden', 'background', 'storageEngine', 'wildcardProjection', '2dsphereIndexVersion', 'bits', 'min', 'max'];

/** True when the key pattern contains a text field. */
export function isTextKey(key: Doc): boolean {
  return Object.values(key).some((v) => v === 'text') || '_fts' in key;
}

/** Normalises a createIndexes entry into the spec listIndexes shows (v, key, name, options...). */
export function normalizeIndexSpec(input: Doc): Doc {
  const key = input.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw new MongoError(ErrorCode.FailedToParse, "The 'key' field must be a non-empty object");
  }
  for (const [field, dir] of Object.entries(key)) {
    const ok = (typeof dir === 'number' && dir !== 0 && !Number.isNaN(dir)) || (typeof dir === 'string' && KNOWN_STRING_KEYS.has(dir));
    if (!ok) throw new MongoError(ErrorCode.CannotCreateIndex, `Values in the index key pattern can only be numbers or strings; bad value for '${field}': ${String(dir)}`);
  }
  if (typeof input.name !== 'string' || input.name === '') {
    throw new MongoError(ErrorCode.FailedToParse, "The 'name' field is a required property of an index specification");
  }
  if (isTextKey(key)) return textSpec(key, input);
  const spec: Doc = { v: 2, key, name: input.name };
  for (const opt of PASSTHROUGH_OPTIONS) if (input[opt] !== undefined) spec[opt] = input[opt];
  if (spec.expireAfterSeconds !== undefined && Object.keys(key).length !== 1) {
    throw new MongoError(ErrorCode.CannotCreateIndex, 'TTL indexes are single-field indexes, compound indexes do not support TTL');
  }
  return isGeoKey(key) ? normalizeGeoSpec(spec) : spec;
}

function textSpec(key: Doc, input: Doc): Doc {
  const weights: Doc = {};
  const storedKey: Doc = {};
  let textAdded = false;
  for (const [field, dir] of Object.entries(key)) {
    if (field === '_fts' || field === '_ftsx') {
      if (!textAdded) Object.assign(storedKey, { _fts: 'text', _ftsx: 1 });
      textAdded = true;
    } else if (dir === 'text') {
      weights[field] = 1;
      if (!textAdded) Object.assign(storedKey, { _fts: 'text', _ftsx: 1 });
      textAdded = true;
    } else {
      storedKey[field] = dir;
    }
  }
  if (isPlainObject(input.weights)) Object.assign(weights, input.weights);
  const spec: Doc = { v: 2, key: storedKey, name: input.name };
  for (const opt of ['unique', 'sparse', 'partialFilterExpression', 'background']) if (input[opt] !== undefined) spec[opt] = input[opt];
  // Key order of weights follows mongod, which sorts them by field name.
  spec.weights = Object.fromEntries(Object.entries(weights).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  spec.default_language = typeof input.default_language === 'string' ? input.default_language : 'english';
  spec.language_override = typeof input.language_override === 'string' ? input.language_override : 'language';
  spec.textIndexVersion = 3;
  return spec;
}

/** Canonical form of a key pattern, for "same key" comparisons. */
export function keyPatternKey(key: unknown): string {
  return canonicalKey(key);
}

/** True when two specs with the same key and name describe the same index. */
export function sameIndexOptions(a: Doc, b: Doc): boolean {
  return COMPARED_OPTIONS.every((opt) => canonicalKey(normalizeBool(a[opt])) === canonicalKey(normalizeBool(b[opt])));
}

function normalizeBool(v: unknown): unknown {
  return v === false ? undefined : v;
}
