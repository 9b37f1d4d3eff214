import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { CollectionStore } from '../storage/collection-store.js';
import { cloneDocument, isPlainObject, setPath, type Doc } from '../storage/document-paths.js';
import { parseNearQuery, type NearQuery } from './geo-near-query.js';
import { nearestDocuments, nearIndexFor, noGeoIndexError } from './geo-near.js';
import { looksLikeLegacyPoint, numberOf } from './geo-shapes.js';

/** The options of a $geoNear stage, checked. */
interface GeoNearOptions {
  near: unknown;
  distanceField: string;
  spherical: boolean;
  maxDistance?: number;
  minDistance?: number;
  query: Doc;
  key?: string;
  includeLocs?: string;
  distanceMultiplier: number;
}

const KNOWN_OPTIONS = new Set(['near', 'distanceField', 'spherical', 'maxDistance', 'minDistance', 'query', 'key', 'includeLocs', 'distanceMultiplier', 'uniqueDocs']);

function nonNegative(options: Doc, name: string): number | undefined {
  if (options[name] === undefined) return undefined;
  const n = numberOf(options[name]);
  if (n === undefined) throw new MongoError(ErrorCode.TypeMismatch, `${name} must be a number`);
  if (!(n >= 0)) throw new MongoError(ErrorCode.BadValue, `${name} must be nonnegative`);
  return n;
}

function parseOptions(value: unknown): GeoNearOptions {
  if (!isPlainObject(value)) throw new MongoError(ErrorCode.FailedToParse, 'the $geoNear stage specification must be an object');
  const unknown = Object.keys(value).find((k) => !KNOWN_OPTIONS.has(k));
  if (unknown !== undefined) throw new MongoError(ErrorCode.FailedToParse, `Unknown argument to $geoNear: ${unknown}`);
  if (!Array.isArray(value.near) && !isPlainObject(value.near)) throw new MongoError(ErrorCode.BadValue, "$geoNear requires a 'near' option as an Array");
  if (typeof value.distanceField !== 'string') throw new MongoError(16606, "$geoNear requires a 'distanceField' option as a String");
  if (value.includeLocs !== undefined && typeof value.includeLocs !== 'string') throw new MongoError(16607, "$geoNear requires that 'includeLocs' option is a String");
  if (value.key !== undefined && (typeof value.key !== 'string' || value.key === '')) {
    throw new MongoError(ErrorCode.BadValue, "$geoNear parameter 'key' must be of type string but found a value of another type or an empty string");
  }
  if (value.query !== undefined && !isPlainObject(value.query)) throw new MongoError(ErrorCode.TypeMismatch, 'query must be an object');
  const options: GeoNearOptions = {
    near: value.near,
    distanceField: value.distanceField,
    spherical: Boolean(value.spherical),
    query: (value.query as Doc | undefined) ?? {},
    distanceMultiplier: nonNegative(value, 'distanceMultiplier') ?? 1,
  };
  const max = nonNegative(value, 'maxDistance');
  const min = nonNegative(value, 'minDistance');
  if (max !== undefined) options.maxDistance = max;
  if (min !== undefined) options.minDistance = min;
  if (typeof value.key === 'string') options.key = value.key;
  if (typeof value.includeLocs === 'string') options.includeLocs = value.includeLocs;
  return options;
}

/** The field to search when no `key` is given: the only 2d index, else the only 2dsphere index (mongod's rule). */
function defaultKey(store: CollectionStore): string {
  const specs = store.indexes.list();
  for (const type of ['2d', '2dsphere']) {
    const fields = specs.flatMap((s) => Object.entries(s.key as Doc).filter(([, v]) => v === type).map(([f]) => f));
    if (fields.length > 1) throw new MongoError(ErrorCode.IndexNotFound, `There is more than one ${type} index on ${store.ns}; unsure which to use for $geoNear`);
    if (fields[0] !== undefined) return fields[0];
  }
  throw new MongoError(ErrorCode.IndexNotFound, '$geoNear requires a 2d or 2dsphere index, but none were found');
}

/** The stage as the equivalent $near/$nearSphere condition (what mongod plans it as). */
function asNearQuery(field: string, options: GeoNearOptions): NearQuery {
  const operator = options.spherical ? '$nearSphere' : '$near';
  const bounds: Doc = {};
  if (options.maxDistance !== undefined) bounds.$maxDistance = options.maxDistance;
  if (options.minDistance !== undefined) bounds.$minDistance = options.minDistance;
  if (looksLikeLegacyPoint(options.near)) return parseNearQuery(field, { [operator]: options.near, ...bounds });
  return parseNearQuery(field, { [operator]: { $geometry: options.near, ...bounds } });
}

/**
 * Runs a leading $geoNear stage: the documents matching `query`, nearest first, each a copy
 * carrying its distance (times distanceMultiplier) and, with includeLocs, the location used.
 */
export function runGeoNearStage(store: CollectionStore | undefined, stage: unknown, match: (filter: Doc) => Doc[]): Doc[] {
  const options = parseOptions(stage);
  if (!store) return [];
  const field = options.key ?? defaultKey(store);
  const near = asNearQuery(field, options);
  if (!nearIndexFor(store.indexes.list(), near)) throw noGeoIndexError(store.ns, near);
  return nearestDocuments(match(options.query), near).map((hit) => {
    const out = cloneDocument(hit.doc);
    setPath(out, options.distanceField, hit.distance * options.distanceMultiplier);
    if (options.includeLocs !== undefined) setPath(out, options.includeLocs, cloneDocument(hit.location));
    return out;
  });
}
