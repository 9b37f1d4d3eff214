import { MongoError } from '../mongo-errors.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';
import { geoIndexValues } from './geo-candidates.js';
import { GeoParseError, numberOf, parseStoredGeometry } from './geo-shapes.js';

/** True when a key pattern has a 2d or 2dsphere field. */
export function isGeoKey(key: unknown): boolean {
  return isPlainObject(key) && Object.values(key).some((v) => v === '2d' || v === '2dsphere');
}

/**
 * Checks a new geo index spec as mongod does (one 2d field, first in the key) and adds the
 * fields mongod shows in listIndexes (`2dsphereIndexVersion: 3`).
 */
export function normalizeGeoSpec(spec: Doc): Doc {
  const entries = Object.entries(spec.key as Doc);
  const twoD = entries.filter(([, v]) => v === '2d');
  if (twoD.length > 1) throw new MongoError(16800, "can't have 2 geo fields");
  if (twoD.length === 1 && entries[0]?.[1] !== '2d') throw new MongoError(16801, '2d has to be first in index');
  if (entries.some(([, v]) => v === '2dsphere') && spec['2dsphereIndexVersion'] === undefined) return { ...spec, '2dsphereIndexVersion': 3 };
  return spec;
}

function valueType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  return value instanceof Date ? 'date' : 'object';
}

/** 2dsphere: every value at the field is a geometry (null, undefined and [] count as absent). */
function checkSphereField(doc: Doc, field: string): void {
  const values = geoIndexValues(doc, field);
  const only = values[0];
  if (values.length === 1 && (only === null || (Array.isArray(only) && only.length === 0) || (isPlainObject(only) && Object.keys(only).length === 0))) return;
  for (const value of values) {
    let reason: string | undefined;
    if (!Array.isArray(value) && !isPlainObject(value)) {
      reason = `geo element must be an array or object: ${field.split('.').pop() ?? field}: ${formatValue(value)}`;
    } else {
      try {
        parseStoredGeometry(value);
      } catch (error) {
        if (!(error instanceof GeoParseError)) throw error;
        reason = error.message === 'Point must be an array or object' ? `${error.message}, instead got type ${valueType(value)}` : error.message;
      }
    }
    if (reason !== undefined) throw new MongoError(16755, `Can't extract geo keys: ${formatValue(doc)}  ${reason}`);
  }
}

/** 2d: each location is a pair of numbers within the index bounds (default [-180, 180]). */
function checkFlatLocation(doc: Doc, location: unknown[], min: number, max: number): void {
  const causedBy = ` :: caused by :: ${formatValue(doc)}`;
  if (location.length === 0) throw new MongoError(13067, `geo field is empty${causedBy}`);
  if (location.length === 1) throw new MongoError(13068, `geo field only has 1 element${causedBy}`);
  const x = numberOf(location[0]);
  const y = numberOf(location[1]);
  if (x === undefined || y === undefined) throw new MongoError(13026, `geo values must be 'legacy coordinate pairs' for 2d indexes${causedBy}`);
  if (x < min || x > max || y < min || y > max) throw new MongoError(13027, `point not in interval of [ ${min}, ${max} ]${causedBy}`);
}

function checkFlatField(doc: Doc, field: string, spec: Doc): void {
  const min = numberOf(spec.min) ?? -180;
  const max = numberOf(spec.max) ?? 180;
  for (const value of geoIndexValues(doc, field)) {
    // Values that are neither arrays nor objects, and empty ones, are not indexed (mongod skips them).
    const elements = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
    if (elements.length === 0) continue;
    if (numberOf(elements[0]) !== undefined) {
      checkFlatLocation(doc, elements, min, max);
      continue;
    }
    // Otherwise a list of locations, each itself an array or object.
    for (const location of elements) {
      const parts = Array.isArray(location) ? location : isPlainObject(location) ? Object.values(location) : undefined;
      if (!parts) throw new MongoError(16804, 'location object expected, location array not in correct format');
      if (parts.length > 0) checkFlatLocation(doc, parts, min, max);
    }
  }
}

/** Throws mongod's error when doc cannot be indexed by this geo index (checked before every write it would index). */
export function checkGeoIndexKeys(spec: Doc, doc: Doc): void {
  for (const [field, type] of Object.entries(spec.key as Doc)) {
    if (type === '2dsphere') checkSphereField(doc, field);
    else if (type === '2d') checkFlatField(doc, field, spec);
  }
}
