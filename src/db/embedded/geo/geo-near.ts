import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, leafValues, type Doc } from '../storage/document-paths.js';
import type { NearQuery } from './geo-near-query.js';
import { distanceToShape } from './geo-relations.js';
import { EARTH_RADIUS_METERS, storedGeometryOrUndefined, toSpherePoint } from './geo-shapes.js';

/** One document a nearness query keeps: its distance and the stored location that gave it. */
export interface NearHit { doc: Doc; distance: number; location: unknown }

/** The geo index type a key pattern gives `field`, if any. */
function geoTypeOf(spec: Doc, field: string): unknown {
  return isPlainObject(spec.key) ? spec.key[field] : undefined;
}

/**
 * The index that lets mongod answer this nearness query: a 2dsphere index on the field for
 * spherical queries, a 2d index for legacy-point ones. Hidden indexes do not count.
 */
export function nearIndexFor(specs: Doc[], query: NearQuery): Doc | undefined {
  return specs.find((spec) => {
    if (spec.hidden === true) return false;
    const type = geoTypeOf(spec, query.field);
    return (type === '2dsphere' && query.sphere) || (type === '2d' && !query.geoJson);
  });
}

/** mongod prints doubles with six significant digits in plan descriptions. */
function formatDouble(n: number): string {
  return n === Number.MAX_VALUE ? '1.79769e+308' : String(Number(n.toPrecision(6)));
}

/** The error mongod's planner gives a nearness query without a usable geo index (291). */
export function noGeoIndexError(ns: string, query: NearQuery): MongoError {
  const tree = `GEONEAR  field=${query.field} maxdist=${formatDouble(query.maxDistance)} isNearSphere=${query.isNearSphere ? 1 : 0}`;
  return new MongoError(
    ErrorCode.NoQueryExecutionPlans,
    `error processing query: ns=${ns}Tree: ${tree}\nSort: {}\nProj: {}\n planner returned error :: caused by :: unable to find index for $geoNear query`,
  );
}

/** Distance from the query's centre to one stored value, in the query's unit; undefined when it is no usable location. */
function distanceTo(value: unknown, query: NearQuery, center: ReturnType<typeof toSpherePoint> | undefined): number | undefined {
  const geometry = storedGeometryOrUndefined(value);
  if (!geometry) return undefined;
  if (!center) return geometry.flat ? Math.hypot(geometry.flat.x - query.center.x, geometry.flat.y - query.center.y) : undefined;
  if (!geometry.sphere) return undefined;
  const radians = distanceToShape(center, geometry.sphere);
  return query.unitsAreRadians ? radians : radians * EARTH_RADIUS_METERS;
}

/**
 * The documents within the query's distance bounds, nearest first (ties in natural order),
 * each with its distance and nearest stored location. A scan: the collections this server
 * holds are small enough that walking them beats keeping a spatial index current.
 */
export function nearestDocuments(docs: Iterable<Doc>, query: NearQuery): NearHit[] {
  const center = query.sphere ? toSpherePoint(query.center) : undefined;
  const hits: NearHit[] = [];
  for (const doc of docs) {
    let best: NearHit | undefined;
    for (const value of leafValues(doc, query.field)) {
      const distance = distanceTo(value, query, center);
      if (distance !== undefined && (!best || distance < best.distance)) best = { doc, distance, location: value };
    }
    if (best && best.distance >= query.minDistance && best.distance <= query.maxDistance) hits.push(best);
  }
  // Array.prototype.sort is stable, so equal distances keep natural order.
  return hits.sort((a, b) => a.distance - b.distance);
}
