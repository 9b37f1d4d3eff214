import { s1, s2 } from 's2js';
import type { SphereShape } from './geo-shapes.js';

/*
 * Relations between geometries on the sphere, computed by s2js (a port of the S2 library
 * mongod itself uses): geodesic edges, so a line across the antimeridian is the short way
 * round, as in MongoDB. Only the glue is here.
 */

// Below this (about a centimetre on Earth) a point lies on a line: S2 leaf cells are that size.
const ON_LINE_RADIANS = 2e-9;

function shapeIndex(shapes: Array<s2.Polyline | s2.Polygon>): s2.ShapeIndex {
  const index = new s2.ShapeIndex();
  for (const shape of shapes) index.add(shape);
  return index;
}

function edgeShapes(shape: SphereShape): Array<s2.Polyline | s2.Polygon> {
  return [...shape.lines, ...shape.polygons];
}

/** The distance in radians from p to the nearest edge of these shapes (Infinity when none). */
function edgeDistance(p: s2.Point, shapes: Array<s2.Polyline | s2.Polygon>): number {
  if (shapes.length === 0) return Infinity;
  const distance = new s2.ClosestEdgeQuery(shapeIndex(shapes)).getDistance(new s2.EdgeQueryPointTarget(p));
  return s1.chordangle.angle(distance);
}

/** The distance in radians from p to the closest part of shape (0 inside one of its polygons). */
export function distanceToShape(p: s2.Point, shape: SphereShape): number {
  if (shape.polygons.some((poly) => poly.containsPoint(p))) return 0;
  let best = edgeDistance(p, edgeShapes(shape));
  for (const q of shape.points) best = Math.min(best, p.distance(q));
  return best;
}

/** True when p is a point of shape (on a vertex, on a line, inside a polygon). */
function pointIntersects(p: s2.Point, shape: SphereShape): boolean {
  return distanceToShape(p, shape) <= ON_LINE_RADIANS;
}

/** Edge distance from the edges of `a` to `b`, counting b's polygon interiors as part of b. */
function edgesToShapes(a: Array<s2.Polyline | s2.Polygon>, b: Array<s2.Polyline | s2.Polygon>): number {
  const target = new s2.EdgeQueryShapeIndexTarget(shapeIndex(b));
  target.setIncludeInteriors(true);
  return s1.chordangle.angle(new s2.ClosestEdgeQuery(shapeIndex(a)).getDistance(target));
}

/** $geoIntersects: the two geometries share at least one point. */
export function shapesIntersect(a: SphereShape, b: SphereShape): boolean {
  if (a.points.some((p) => pointIntersects(p, b)) || b.points.some((p) => pointIntersects(p, a))) return true;
  const edgesA = edgeShapes(a);
  const edgesB = edgeShapes(b);
  if (edgesA.length === 0 || edgesB.length === 0) return false;
  // Interiors count only on the target's side, so look both ways (one may hold the other).
  return edgesToShapes(edgesA, edgesB) <= ON_LINE_RADIANS || edgesToShapes(edgesB, edgesA) <= ON_LINE_RADIANS;
}

/** The loops of a polygon as closed polylines (its boundary). */
function boundaryOf(polygon: s2.Polygon): s2.Polyline[] {
  const out: s2.Polyline[] = [];
  for (let i = 0; i < polygon.numLoops(); i++) {
    const vertices = polygon.loop(i).vertices;
    out.push(new s2.Polyline([...vertices, vertices[0] as s2.Point]));
  }
  return out;
}

function polygonContainsLine(polygon: s2.Polygon, line: s2.Polyline): boolean {
  return line.points.every((p) => polygon.containsPoint(p)) && !boundaryOf(polygon).some((edge) => edge.intersects(line));
}

/** A region $geoWithin accepts on the sphere: polygons, or a cap ($centerSphere). */
export type SphereRegion = { polygons: s2.Polygon[] } | { cap: s2.Cap } | { loop: s2.Loop };

function regionContainsPoint(region: SphereRegion, p: s2.Point): boolean {
  if ('cap' in region) return region.cap.containsPoint(p);
  if ('loop' in region) return region.loop.containsPoint(p);
  return region.polygons.some((poly) => poly.containsPoint(p));
}

/** $geoWithin on the sphere: every part of shape lies inside the region. */
export function regionContains(region: SphereRegion, shape: SphereShape): boolean {
  if (!shape.points.every((p) => regionContainsPoint(region, p))) return false;
  if ('polygons' in region) {
    return shape.lines.every((line) => region.polygons.some((poly) => polygonContainsLine(poly, line)))
      && shape.polygons.every((inner) => region.polygons.some((poly) => poly.contains(inner)));
  }
  // A cap or a big polygon: judged by vertices (a cap under a hemisphere is convex).
  const vertices = [...shape.lines.flatMap((l) => l.points), ...shape.polygons.flatMap((poly) => boundaryOf(poly).flatMap((b) => b.points))];
  return vertices.every((p) => regionContainsPoint(region, p));
}
