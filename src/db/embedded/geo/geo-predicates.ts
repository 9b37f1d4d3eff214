import { s2 } from 's2js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, leafValues, type Doc } from '../storage/document-paths.js';
import { formatValue } from '../storage/unique-index.js';
import { regionContains, shapesIntersect, type SphereRegion } from './geo-relations.js';
import {
  GeoParseError, isValidLngLat, looksLikeLegacyPoint, numberOf, parseFlatPoint, parseGeoJson,
  storedGeometryOrUndefined, toSpherePoint, type FlatPoint, type Geometry, type SphereShape,
} from './geo-shapes.js';

/** A compiled $geoWithin / $geoIntersects argument: does one stored geometry match? */
type GeometryTest = (geometry: Geometry) => boolean;

const SPECIFIERS = new Set(['$box', '$center', '$polygon', '$centerSphere', '$geometry']);

function badValue(message: string): MongoError {
  return new MongoError(ErrorCode.BadValue, message);
}

/** Parses the one geo specifier of a $geoWithin/$geoIntersects argument ($uniqueDocs is ignored, as by mongod). */
function specifierOf(value: unknown): [string, unknown] {
  if (!isPlainObject(value)) throw badValue('geometry must be an object');
  const entries = Object.entries(value).filter(([k]) => k !== '$uniqueDocs');
  const last = entries[entries.length - 1];
  if (!last) throw badValue("geo query doesn't have any geometry");
  const [name, arg] = last;
  if (!SPECIFIERS.has(name) || (!Array.isArray(arg) && !isPlainObject(arg))) throw badValue(`unknown geo specifier: ${name}: ${formatValue(arg)}`);
  return [name, arg];
}

function elements(arg: unknown): unknown[] {
  return Array.isArray(arg) ? arg : Object.values(arg as Doc);
}

function radiusOf(values: unknown[]): number {
  const radius = numberOf(values[1]);
  if (radius === undefined || !(radius >= 0)) throw new GeoParseError('radius must be a non-negative number');
  if (values.length > 2) throw new GeoParseError('Only 2 fields allowed for circular region');
  return radius;
}

/** Point in a flat polygon (ray casting; mongod's legacy $polygon is planar too). Boundary points count as inside. */
function inFlatPolygon(p: FlatPoint, vertices: FlatPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const a = vertices[i] as FlatPoint;
    const b = vertices[j] as FlatPoint;
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    const onSegment = cross === 0 && p.x >= Math.min(a.x, b.x) && p.x <= Math.max(a.x, b.x) && p.y >= Math.min(a.y, b.y) && p.y <= Math.max(a.y, b.y);
    if (onSegment) return true;
    if ((a.y > p.y) !== (b.y > p.y) && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** A flat region ($box, $center, $polygon): matches stored points only, as mongod's 2d geometry. */
function flatTest(contains: (p: FlatPoint) => boolean): GeometryTest {
  return (g) => g.flat !== undefined && contains(g.flat);
}

function sphereWithin(region: SphereRegion): GeometryTest {
  return (g) => g.sphere !== undefined && regionContains(region, g.sphere);
}

function parseWithin(name: string, arg: unknown, section: Doc): GeometryTest {
  const values = elements(arg);
  if (name === '$box') {
    const a = parseFlatPoint(values[0], false);
    const b = parseFlatPoint(values[1], false);
    return flatTest((p) => p.x >= Math.min(a.x, b.x) && p.x <= Math.max(a.x, b.x) && p.y >= Math.min(a.y, b.y) && p.y <= Math.max(a.y, b.y));
  }
  if (name === '$center') {
    const c = parseFlatPoint(values[0], false);
    const radius = radiusOf(values);
    return flatTest((p) => Math.hypot(p.x - c.x, p.y - c.y) <= radius);
  }
  if (name === '$polygon') {
    const vertices = values.map((v) => parseFlatPoint(v, false));
    if (vertices.length < 3) throw new GeoParseError('Polygon must have at least 3 points');
    return flatTest((p) => inFlatPolygon(p, vertices));
  }
  if (name === '$centerSphere') {
    const c = parseFlatPoint(values[0], false);
    if (!isValidLngLat(c)) throw new GeoParseError(`longitude/latitude is out of bounds, lng: ${c.x} lat: ${c.y}`);
    return sphereWithin({ cap: s2.Cap.fromCenterAngle(toSpherePoint(c), radiusOf(values)) });
  }
  let bigLoop: s2.Loop | undefined;
  const geometry = looksLikeLegacyPoint(arg) ? {} : parseGeoJson(arg as Doc, (loop) => (bigLoop = loop));
  if (bigLoop) return sphereWithin({ loop: bigLoop });
  const polygons = geometry.sphere?.polygons ?? [];
  if (polygons.length === 0) throw badValue(`$within not supported with provided geometry: ${formatValue(section)}`);
  return sphereWithin({ polygons });
}

function parseIntersects(name: string, arg: unknown, section: Doc): GeometryTest {
  const unsupported = (): MongoError => badValue(`$geoIntersect not supported with provided geometry: ${formatValue(section)}`);
  if (name !== '$geometry') throw unsupported();
  let bigLoop: s2.Loop | undefined;
  let shape: SphereShape | undefined;
  if (looksLikeLegacyPoint(arg)) {
    const p = parseFlatPoint(arg, false);
    if (!isValidLngLat(p)) throw unsupported();
    shape = { points: [toSpherePoint(p)], lines: [], polygons: [] };
  } else {
    shape = parseGeoJson(arg as Doc, (loop) => (bigLoop = loop)).sphere;
  }
  if (bigLoop) {
    const loop = bigLoop;
    // A big polygon: judged by the stored geometry's vertices.
    return (g) => g.sphere !== undefined && [...g.sphere.points, ...g.sphere.lines.flatMap((l) => l.points), ...g.sphere.polygons.flatMap((p) => p.loop(0).vertices)].some((p) => loop.containsPoint(p));
  }
  const query = shape as SphereShape;
  return (g) => g.sphere !== undefined && shapesIntersect(query, g.sphere);
}

/** Compiles a $geoWithin or $geoIntersects argument; parse failures are BadValue with mongod's reason. */
function compileGeometryTest(operator: '$geoWithin' | '$geoIntersects', value: unknown): GeometryTest {
  const section = { [operator]: value };
  try {
    const [name, arg] = specifierOf(value);
    return operator === '$geoWithin' ? parseWithin(name, arg, section) : parseIntersects(name, arg, section);
  } catch (error) {
    if (error instanceof GeoParseError) throw badValue(error.message);
    throw error;
  }
}

function geoOperator(operator: '$geoWithin' | '$geoIntersects') {
  return (selector: string, value: unknown): ((doc: Doc) => boolean) => {
    const test = compileGeometryTest(operator, value);
    return (doc) => leafValues(doc, selector).some((candidate) => {
      const geometry = storedGeometryOrUndefined(candidate);
      return geometry !== undefined && test(geometry);
    });
  };
}

/**
 * $near and its options as a filter term: always true, like mongod's GeoNearMatchExpression.
 * The query runner (geo-near.ts) selects and orders the documents by distance.
 */
function nearTerm(): () => boolean {
  return () => true;
}

/** The geo query operators, in the shape mingo's Context takes custom query operators. */
export const GEO_QUERY_OPERATORS = {
  $geoWithin: geoOperator('$geoWithin'),
  $within: geoOperator('$geoWithin'),
  $geoIntersects: geoOperator('$geoIntersects'),
  $near: nearTerm,
  $nearSphere: nearTerm,
  $geoNear: nearTerm,
  $maxDistance: nearTerm,
  $minDistance: nearTerm,
} as const;
