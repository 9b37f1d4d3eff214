import { s2 } from 's2js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';

/** A point in the flat (legacy) coordinate system: `[x, y]` or `{x, y}`, no bounds. */
export interface FlatPoint { x: number; y: number }

/** A geometry on the sphere (mongod's SPHERE CRS), split into its parts. */
export interface SphereShape { points: s2.Point[]; lines: s2.Polyline[]; polygons: s2.Polygon[] }

/**
 * A stored geo value as mongod's GeometryContainer sees it: a point has both a flat and
 * (when its longitude/latitude are in range) a spherical form; other GeoJSON only the latter.
 */
export interface Geometry { flat?: FlatPoint; sphere?: SphereShape }

/** A parse failure, with mongod's reason text (callers wrap it in their own error). */
export class GeoParseError extends Error {}

/** Earth's radius as mongod uses it to turn radians into meters. */
export const EARTH_RADIUS_METERS = 6378100;

const GEOJSON_TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection']);
const SPHERE_CRS_NAMES = new Set(['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326']);
/** The CRS name of MongoDB's "big polygon" (strict counter-clockwise winding). */
export const STRICT_WINDING_CRS = 'urn:x-mongodb:crs:strictwinding:EPSG:4326';

/** A JS number for any BSON number (the wire gives doubles and int32 as numbers; Long and Decimal128 as objects). */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const type = (value as { _bsontype?: string } | null)?._bsontype;
  if (type === 'Long' || type === 'Decimal128' || type === 'Int32' || type === 'Double') return Number(String(value));
  return undefined;
}

/** The values of an array or embedded document, in order (mongod reads a legacy point positionally). */
function elementsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  return isPlainObject(value) ? Object.values(value) : undefined;
}

/** mongod's parseFlatPoint: the first two values, numeric and finite. */
export function parseFlatPoint(value: unknown, allowExtra: boolean): FlatPoint {
  const values = elementsOf(value);
  if (!values) throw new GeoParseError('Point must be an array or object');
  const x = numberOf(values[0]);
  const y = numberOf(values[1]);
  if (x === undefined || y === undefined) throw new GeoParseError('Point must only contain numeric elements');
  if (!allowExtra && values.length > 2) throw new GeoParseError('Point must only contain two numeric elements');
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new GeoParseError('Point coordinates must be finite numbers');
  return { x, y };
}

/** True when a flat point can be read as longitude/latitude. */
export function isValidLngLat(p: FlatPoint): boolean {
  return p.x >= -180 && p.x <= 180 && p.y >= -90 && p.y <= 90;
}

/** The point on the sphere for a longitude/latitude pair. */
export function toSpherePoint(p: FlatPoint): s2.Point {
  return s2.Point.fromLatLng(s2.LatLng.fromDegrees(p.y, p.x).normalized());
}

function sphereCoordinate(value: unknown): s2.Point {
  if (!Array.isArray(value)) throw new GeoParseError('GeoJSON coordinates must be an array');
  const p = parseFlatPoint(value, true);
  if (!isValidLngLat(p)) throw new GeoParseError(`longitude/latitude is out of bounds, lng: ${p.x} lat: ${p.y}`);
  return toSpherePoint(p);
}

function coordinateList(value: unknown): s2.Point[] {
  if (!Array.isArray(value)) throw new GeoParseError('GeoJSON coordinates must be an array of coordinates');
  return value.map(sphereCoordinate);
}

function withoutAdjacentDuplicates(points: s2.Point[]): s2.Point[] {
  return points.filter((p, i) => i === 0 || !p.equals(points[i - 1] as s2.Point));
}

function parseLine(value: unknown): s2.Polyline {
  const vertices = withoutAdjacentDuplicates(coordinateList(value));
  if (vertices.length < 2) throw new GeoParseError(`GeoJSON LineString must have at least 2 vertices: ${formatValue(value)}`);
  return new s2.Polyline(vertices);
}

/**
 * The first pair of non-adjacent edges that cross, as S2's loop validation reports it
 * (s2js checks vertices only, so the crossing test is done here with its polylines).
 */
function selfCrossing(vertices: s2.Point[]): string | undefined {
  const n = vertices.length;
  const edge = (i: number): s2.Polyline => new s2.Polyline([vertices[i] as s2.Point, vertices[(i + 1) % n] as s2.Point]);
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (edge(i).intersects(edge(j))) return `Edges ${i} and ${j} cross.`;
    }
  }
  return undefined;
}

/** One ring as a loop: closed, at least 3 distinct vertices, valid, and (like mongod) the smaller of its two sides. */
function parseLoop(ring: unknown, normalize: boolean, validate: boolean): s2.Loop {
  const points = coordinateList(ring);
  if (points.length === 0) throw new GeoParseError(`Loop has no vertices: ${formatValue(ring)}`);
  if (!(points[0] as s2.Point).equals(points[points.length - 1] as s2.Point)) throw new GeoParseError(`Loop is not closed: ${formatValue(ring)}`);
  const vertices = withoutAdjacentDuplicates(points).slice(0, -1);
  if (vertices.length < 3) throw new GeoParseError(`Loop must have at least 3 different vertices: ${formatValue(ring)}`);
  const loop = new s2.Loop(vertices);
  const invalid = validate ? (loop.validate()?.message ?? selfCrossing(vertices)) : undefined;
  if (invalid) throw new GeoParseError(`Loop is not valid: ${formatValue(ring)} ${invalid}`);
  if (normalize) loop.normalize();
  return loop;
}

function parsePolygon(value: unknown, validate: boolean): s2.Polygon {
  if (!Array.isArray(value)) throw new GeoParseError('Polygon coordinates must be an array');
  const loops = value.map((ring) => parseLoop(ring, true, validate));
  if (loops.length === 0) throw new GeoParseError('Polygon has no loops.');
  const shell = loops[0] as s2.Loop;
  for (const hole of loops.slice(1)) {
    if (!shell.contains(hole)) {
      throw new GeoParseError(`Secondary loops not contained by first exterior loop - secondary loops must be holes: ${formatValue(value)} first loop: ${formatValue(value[0])}`);
    }
  }
  return new s2.Polygon(loops);
}

function listOf<T>(value: unknown, what: string, parse: (v: unknown) => T): T[] {
  if (!Array.isArray(value)) throw new GeoParseError(`${what} coordinates must be an array`);
  if (value.length === 0) throw new GeoParseError(`${what} coordinates must have at least 1 element`);
  return value.map(parse);
}

/** Reads a GeoJSON object's "crs": undefined (the default sphere) or the strict-winding name when allowed. */
function parseCrs(obj: Doc, allowStrict: boolean): 'sphere' | 'strict' {
  const crs = obj.crs;
  if (crs === undefined) return 'sphere';
  if (!isPlainObject(crs)) throw new GeoParseError('GeoJSON CRS must be an object');
  if (crs.type !== 'name') throw new GeoParseError('GeoJSON CRS must have field "type": "name"');
  if (!isPlainObject(crs.properties)) throw new GeoParseError('CRS must have field "properties" which is an object');
  const name = crs.properties.name;
  if (typeof name !== 'string') throw new GeoParseError('In CRS, "properties.name" must be a string');
  if (SPHERE_CRS_NAMES.has(name)) return 'sphere';
  if (name === STRICT_WINDING_CRS) {
    if (!allowStrict) throw new GeoParseError('Strict winding order is only supported by polygon');
    return 'strict';
  }
  throw new GeoParseError(`Unknown CRS name: ${name}`);
}

function emptyShape(): SphereShape {
  return { points: [], lines: [], polygons: [] };
}

/** A GeoJSON geometry on the sphere; `bigPolygon` receives a strict-winding polygon's loop when allowed. */
export function parseGeoJson(obj: Doc, big?: (loop: s2.Loop) => void, validate = true): Geometry {
  const type = obj.type;
  if (typeof type !== 'string' || !GEOJSON_TYPES.has(type)) throw new GeoParseError(`unknown GeoJSON type: ${formatValue(obj)}`);
  const shape = emptyShape();
  if (type === 'GeometryCollection') {
    const geometries = obj.geometries;
    if (!Array.isArray(geometries)) throw new GeoParseError('GeometryCollection geometries must be an array');
    if (geometries.length === 0) throw new GeoParseError('GeometryCollection geometries must have at least 1 element');
    geometries.forEach((g, i) => {
      if (!isPlainObject(g)) throw new GeoParseError(`Element ${i} of "geometries" is not an object`);
      if (g.type === 'GeometryCollection') throw new GeoParseError(`GeometryCollections cannot be nested: ${formatValue(g)}`);
      const part = parseGeoJson(g, undefined, validate).sphere as SphereShape;
      shape.points.push(...part.points);
      shape.lines.push(...part.lines);
      shape.polygons.push(...part.polygons);
    });
    return { sphere: shape };
  }
  const crs = parseCrs(obj, type === 'Polygon' && big !== undefined);
  const coordinates = obj.coordinates;
  if (type === 'Point') {
    const flat = parseFlatPoint(coordinates, true);
    if (!isValidLngLat(flat)) throw new GeoParseError(`longitude/latitude is out of bounds, lng: ${flat.x} lat: ${flat.y}`);
    return { flat, sphere: { ...shape, points: [toSpherePoint(flat)] } };
  }
  if (type === 'Polygon' && crs === 'strict' && big) {
    if (!Array.isArray(coordinates) || coordinates.length !== 1) throw new GeoParseError(`Only one simple loop is allowed in a big polygon: ${formatValue(coordinates)}`);
    big(parseLoop(coordinates[0], false, true));
    return {};
  }
  if (type === 'LineString') shape.lines.push(parseLine(coordinates));
  else if (type === 'Polygon') shape.polygons.push(parsePolygon(coordinates, validate));
  else if (type === 'MultiPoint') shape.points.push(...listOf(coordinates, 'MultiPoint', sphereCoordinate));
  else if (type === 'MultiLineString') shape.lines.push(...listOf(coordinates, 'MultiLineString', parseLine));
  else shape.polygons.push(...listOf(coordinates, 'MultiPolygon', (rings) => parsePolygon(rings, validate)));
  return { sphere: shape };
}

/** True when a value is read as a legacy point (an array, or an object whose first value is a number). */
export function looksLikeLegacyPoint(value: unknown): boolean {
  return Array.isArray(value) || (isPlainObject(value) && numberOf(Object.values(value)[0]) !== undefined);
}

/** A legacy point, with its spherical form when its coordinates are longitude/latitude. */
export function legacyPoint(flat: FlatPoint): Geometry {
  return isValidLngLat(flat) ? { flat, sphere: { ...emptyShape(), points: [toSpherePoint(flat)] } } : { flat };
}

/** mongod's parseFromStorage: a stored value as a legacy point (extra values allowed) or GeoJSON; throws GeoParseError. */
export function parseStoredGeometry(value: unknown, validate = true): Geometry {
  if (!Array.isArray(value) && !isPlainObject(value)) throw new GeoParseError('geo element must be an array or object');
  if (looksLikeLegacyPoint(value)) return legacyPoint(parseFlatPoint(value, true));
  return parseGeoJson(value as Doc, undefined, validate);
}

/** Like parseStoredGeometry, but undefined for values that are no geometry (a query skips them). */
export function storedGeometryOrUndefined(value: unknown): Geometry | undefined {
  try {
    // Stored geometries were checked when written (with a geo index); mongod skips validation here too.
    return parseStoredGeometry(value, false);
  } catch (error) {
    if (error instanceof GeoParseError) return undefined;
    throw error;
  }
}
