import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';
import { GeoParseError, isValidLngLat, looksLikeLegacyPoint, numberOf, parseFlatPoint, parseGeoJson, type FlatPoint } from './geo-shapes.js';

/** The operators that make a filter a nearness query. */
export const NEAR_OPERATORS = new Set(['$near', '$nearSphere', '$geoNear']);

/**
 * A parsed $near/$nearSphere, as mongod's GeoNearExpression: the centre, whether distances
 * are spherical, their unit, and the distance bounds. `sphere` is false only for a legacy
 * `$near: [x, y]` (flat distances, 2d index); GeoJSON centres measure in meters, legacy
 * `$nearSphere` centres in radians.
 */
export interface NearQuery {
  field: string;
  center: FlatPoint;
  sphere: boolean;
  /** The centre was GeoJSON (mongod's "wrapping" query): only a 2dsphere index serves it. */
  geoJson: boolean;
  unitsAreRadians: boolean;
  minDistance: number;
  maxDistance: number;
  isNearSphere: boolean;
}

function badValue(message: string): MongoError {
  return new MongoError(ErrorCode.BadValue, message);
}

function distanceArg(value: unknown, codes: [number, number], name: string): number {
  const n = numberOf(value);
  if (n === undefined) throw new MongoError(codes[0], `${name} must be a number`);
  if (!(n >= 0)) throw new MongoError(codes[1], `${name} must be non-negative`);
  return n;
}

/** A query point: a legacy pair (no extra values) or a GeoJSON Point; undefined when it is neither. */
function queryPoint(value: unknown): { point: FlatPoint; geoJson: boolean } | undefined {
  try {
    if (looksLikeLegacyPoint(value)) return { point: parseFlatPoint(value, false), geoJson: false };
    if (!isPlainObject(value) || value.type !== 'Point') return undefined;
    const flat = parseGeoJson(value).flat;
    return flat ? { point: flat, geoJson: true } : undefined;
  } catch (error) {
    if (error instanceof GeoParseError) return undefined;
    throw error;
  }
}

/** `[x, y, maxDistance]`, the oldest $near form. */
function pointWithMaxDistance(value: unknown): { point: FlatPoint; max: number } | undefined {
  const values = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
  if (values.length !== 3) return undefined;
  const [x, y, d] = values.map(numberOf);
  return x === undefined || y === undefined || d === undefined ? undefined : { point: { x, y }, max: d };
}

interface Parsed { center: FlatPoint; geoJson: boolean; isNearSphere: boolean; min: number; max: number }

/** `{$near: [x, y], $maxDistance: d}` or `{$near: {type: 'Point', …}}`; null when it is the $geometry form. */
function parseLegacy(obj: Doc): Parsed | null {
  const parsed: Parsed = { center: { x: 0, y: 0 }, geoJson: false, isNearSphere: false, min: 0, max: Number.MAX_VALUE };
  let found = false;
  for (const [key, value] of Object.entries(obj)) {
    if (NEAR_OPERATORS.has(key)) {
      if (!Array.isArray(value) && !isPlainObject(value)) return null;
      const point = queryPoint(value);
      const withMax = point ? undefined : pointWithMaxDistance(value);
      if (point || withMax) {
        parsed.center = point?.point ?? (withMax as { point: FlatPoint }).point;
        parsed.geoJson = point?.geoJson ?? false;
        if (withMax) parsed.max = withMax.max;
        if (parsed.max < 0) throw new MongoError(18522, 'max distance must be non-negative');
        parsed.isNearSphere = key === '$nearSphere';
        found = true;
      }
    } else if (key === '$minDistance') parsed.min = distanceArg(value, [16893, 16894], '$minDistance');
    else if (key === '$maxDistance') parsed.max = distanceArg(value, [16895, 16896], '$maxDistance');
    else if (key !== '$uniqueDocs') throw new MongoError(34413, `invalid argument in geo near query: ${key}`);
  }
  return found ? parsed : null;
}

/** `{$near: {$geometry: <GeoJSON point>, $maxDistance, $minDistance}}`. */
function parseNew(obj: Doc): Parsed {
  const entries = Object.entries(obj);
  const first = entries[0];
  if (!first) throw badValue('empty geo near query object');
  const extra = entries[1];
  if (extra) {
    throw badValue(`geo near accepts just one argument when querying for a GeoJSON point. Extra field found: ${extra[0]}: ${formatValue(extra[1])}`);
  }
  const [operator, arg] = first;
  if (!isPlainObject(arg)) throw badValue('geo near query argument is not an object');
  if (!NEAR_OPERATORS.has(operator)) throw badValue(`invalid geo near query operator: ${operator}`);
  const parsed: Parsed = { center: { x: 0, y: 0 }, geoJson: true, isNearSphere: operator === '$nearSphere', min: 0, max: Number.MAX_VALUE };
  let found = false;
  for (const [key, value] of Object.entries(arg)) {
    if (key === '$geometry') {
      if (!Array.isArray(value) && !isPlainObject(value)) continue;
      const point = queryPoint(value);
      if (!point) throw badValue(`invalid point in geo near query $geometry argument: ${formatValue(value)}  Point must be an array or object`);
      if (!point.geoJson) throw new MongoError(16681, `$near requires geojson point, given ${formatValue(value)}`);
      parsed.center = point.point;
      found = true;
    } else if (key === '$minDistance') parsed.min = distanceArg(value, [16897, 16898], '$minDistance');
    else if (key === '$maxDistance') parsed.max = distanceArg(value, [16899, 16900], '$maxDistance');
    else throw badValue(`invalid argument in geo near query: ${key}`);
  }
  if (!found) throw badValue('$geometry is required for geo near query');
  return parsed;
}

/** Parses the value of a field holding $near/$nearSphere/$geoNear (with its $maxDistance/$minDistance). */
export function parseNearQuery(field: string, obj: Doc): NearQuery {
  const parsed = parseLegacy(obj) ?? parseNew(obj);
  if (parsed.isNearSphere && !isValidLngLat(parsed.center)) throw new MongoError(17444, 'Legacy point is out of bounds for spherical query');
  return {
    field,
    center: parsed.center,
    sphere: parsed.isNearSphere || parsed.geoJson,
    geoJson: parsed.geoJson,
    unitsAreRadians: parsed.isNearSphere && !parsed.geoJson,
    minDistance: parsed.min,
    maxDistance: parsed.max,
    isNearSphere: parsed.isNearSphere,
  };
}

/** True when a field's condition is a nearness query. */
export function isNearCondition(value: unknown): value is Doc {
  return isPlainObject(value) && Object.keys(value).some((k) => NEAR_OPERATORS.has(k));
}

/**
 * Takes the one $near condition out of a filter (top level, or a clause of a top-level
 * $and), refusing it elsewhere as mongod does. Returns null when the filter has none.
 */
export function findNearQuery(filter: Doc): NearQuery | null {
  const found: NearQuery[] = [];
  collectNear(filter, true, found);
  if (found.length > 1) throw badValue('Too many geoNear expressions');
  return found[0] ?? null;
}

// A module-level function rather than a closure: every read runs this, nearly always for nothing.
function collectNear(clause: Doc, topLevel: boolean, found: NearQuery[]): void {
  for (const key in clause) {
    if (!Object.hasOwn(clause, key)) continue;
    const value = clause[key];
    if (key === '$and' && topLevel && Array.isArray(value)) {
      for (const sub of value) if (isPlainObject(sub)) collectNear(sub, true, found);
    } else if (key.startsWith('$')) {
      if (mentionsNear(value)) throw badValue('geoNear must be top-level expr');
    } else if (isNearCondition(value)) {
      if (!topLevel) throw badValue('geoNear must be top-level expr');
      found.push(parseNearQuery(key, value));
    } else if (isPlainObject(value) && isPlainObject(value.$elemMatch) && mentionsNear(value.$elemMatch)) {
      throw badValue('geoNear must be top-level expr');
    }
  }
}

/** True when a filter fragment holds a nearness operator anywhere. */
export function mentionsNear(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsNear);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([k, v]) => NEAR_OPERATORS.has(k) || mentionsNear(v));
}
