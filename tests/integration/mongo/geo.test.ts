import type { Collection, Document } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { serverErrorOf, useTestMongo } from '../../support/mongo.js';

// [longitude, latitude], as GeoJSON and MongoDB write them.
const CITIES: Record<string, [number, number]> = {
  'Ha Noi': [105.8342, 21.0278],
  Hue: [107.5909, 16.4637],
  'Da Nang': [108.2022, 16.0544],
  'Hoi An': [108.338, 15.8801],
  'Ho Chi Minh City': [106.6297, 10.8231],
};
const DA_NANG = CITIES['Da Nang'] as [number, number];
const EARTH_RADIUS_KM = 6378.1;

/** Central Vietnam, roughly Thua Thien Hue to Quang Nam. */
const CENTRAL_VIETNAM = {
  type: 'Polygon',
  coordinates: [[[107, 15], [109, 15], [109, 17], [107, 17], [107, 15]]],
};

const point = (coordinates: [number, number]): Document => ({ type: 'Point', coordinates });
const names = (docs: Document[]): string[] => docs.map((d) => String(d.name));

describe('MongoDB geospatial queries', () => {
  const mongo = useTestMongo();
  let places: Collection;
  let legacy: Collection;
  let routes: Collection;

  beforeAll(async () => {
    places = mongo.db.collection('places');
    await places.createIndex({ location: '2dsphere' });
    await places.insertMany(Object.entries(CITIES).map(([name, coordinates]) => ({ name, location: point(coordinates) })));
    legacy = mongo.db.collection('legacy_places');
    await legacy.createIndex({ loc: '2d' });
    await legacy.insertMany(Object.entries(CITIES).map(([name, loc]) => ({ name, loc })));
    routes = mongo.db.collection('routes');
    await routes.createIndex({ path: '2dsphere' });
    await routes.insertMany([
      { name: 'Hue to Da Nang', path: { type: 'LineString', coordinates: [CITIES.Hue, DA_NANG] } },
      { name: 'Ha Noi to Hai Phong', path: { type: 'LineString', coordinates: [CITIES['Ha Noi'], [106.6881, 20.8449]] } },
    ]);
  });

  describe('indexes', () => {
    it('lists a 2dsphere index with its index version and a 2d index as created', async () => {
      const sphere = (await places.listIndexes().toArray()).find((i) => i.name === 'location_2dsphere');
      expect(sphere).toMatchObject({ key: { location: '2dsphere' }, '2dsphereIndexVersion': 3 });
      const flat = (await legacy.listIndexes().toArray()).find((i) => i.name === 'loc_2d');
      expect(flat).toMatchObject({ key: { loc: '2d' } });
    });

    it('accepts a compound index of a 2dsphere field and ordinary fields', async () => {
      const shops = mongo.db.collection('shops');
      await shops.createIndex({ category: 1, location: '2dsphere' });
      await shops.insertOne({ category: 'coffee', location: point(DA_NANG) });
      const found = await shops.find({ category: 'coffee', location: { $near: { $geometry: point(DA_NANG), $maxDistance: 10 } } }).toArray();
      expect(found).toHaveLength(1);
    });

    it('refuses to store a location that is not GeoJSON nor a coordinate pair in a 2dsphere field', async () => {
      const bad = await serverErrorOf(places.insertOne({ name: 'Nowhere', location: { type: 'Point', coordinates: [200, 10] } }));
      expect(bad.code).toBe(16755);
      expect(bad.message).toMatch(/^Can't extract geo keys: .* longitude\/latitude is out of bounds, lng: 200 lat: 10$/);
      const bowTie = { type: 'Polygon', coordinates: [[[107, 15], [109, 17], [109, 15], [107, 17], [107, 15]]] };
      const crossed = await serverErrorOf(places.insertOne({ name: 'Bow tie', location: bowTie }));
      expect(crossed.code).toBe(16755);
      expect(crossed.message).toContain('Loop is not valid');
      const text = await serverErrorOf(places.insertOne({ name: 'Text', location: 'Da Nang' }));
      expect(text.code).toBe(16755);
      expect(await places.countDocuments({ name: { $in: ['Nowhere', 'Bow tie', 'Text'] } })).toBe(0);
    });

    it('refuses a 2d point outside the default bounds [-180, 180]', async () => {
      const error = await serverErrorOf(legacy.insertOne({ name: 'Off the map', loc: [181, 10] }));
      expect(error.code).toBe(13027);
      expect(error.message).toMatch(/^point not in interval of \[ -180, 180 \]/);
    });
  });

  describe('$geoWithin', () => {
    it('finds the cities inside a GeoJSON polygon', async () => {
      const inside = await places.find({ location: { $geoWithin: { $geometry: CENTRAL_VIETNAM } } }).sort({ name: 1 }).toArray();
      expect(names(inside)).toEqual(['Da Nang', 'Hoi An', 'Hue']);
    });

    it('finds the cities inside a spherical circle given in radians ($centerSphere)', async () => {
      const radius = 50 / EARTH_RADIUS_KM;
      const near = await places.find({ location: { $geoWithin: { $centerSphere: [DA_NANG, radius] } } }).sort({ name: 1 }).toArray();
      expect(names(near)).toEqual(['Da Nang', 'Hoi An']);
    });

    it('reads legacy coordinate pairs with $box, $center and $polygon (flat coordinates)', async () => {
      const box = await legacy.find({ loc: { $geoWithin: { $box: [[107, 15], [109, 17]] } } }).sort({ name: 1 }).toArray();
      expect(names(box)).toEqual(['Da Nang', 'Hoi An', 'Hue']);
      const circle = await legacy.find({ loc: { $within: { $center: [DA_NANG, 0.3] } } }).sort({ name: 1 }).toArray();
      expect(names(circle)).toEqual(['Da Nang', 'Hoi An']);
      const triangle = await legacy.find({ loc: { $geoWithin: { $polygon: [[105, 20], [105, 22], [107, 22]] } } }).toArray();
      expect(names(triangle)).toEqual(['Ha Noi']);
    });

    it('refuses a point as the region', async () => {
      const error = await serverErrorOf(places.find({ location: { $geoWithin: { $geometry: point(DA_NANG) } } }).toArray());
      expect(error.code).toBe(2);
      expect(error.message).toMatch(/^\$within not supported with provided geometry/);
    });
  });

  describe('$geoIntersects', () => {
    it('finds the route a line crosses', async () => {
      const crossing = { type: 'LineString', coordinates: [[107.9, 16.0], [107.9, 16.6]] };
      const found = await routes.find({ path: { $geoIntersects: { $geometry: crossing } } }).toArray();
      expect(names(found)).toEqual(['Hue to Da Nang']);
    });

    it('finds the cities a polygon covers', async () => {
      const found = await places.find({ location: { $geoIntersects: { $geometry: CENTRAL_VIETNAM } } }).sort({ name: 1 }).toArray();
      expect(names(found)).toEqual(['Da Nang', 'Hoi An', 'Hue']);
    });
  });

  describe('$near and $nearSphere', () => {
    it('orders the cities by distance in meters and stops at $maxDistance', async () => {
      const within100km = await places.find({ location: { $near: { $geometry: point(DA_NANG), $maxDistance: 100_000 } } }).toArray();
      expect(names(within100km)).toEqual(['Da Nang', 'Hoi An', 'Hue']);
    });

    it('leaves out what is closer than $minDistance', async () => {
      const ring = await places.find({ location: { $nearSphere: { $geometry: point(DA_NANG), $minDistance: 1_000, $maxDistance: 100_000 } } }).toArray();
      expect(names(ring)).toEqual(['Hoi An', 'Hue']);
    });

    it('measures a legacy $nearSphere in radians', async () => {
      const found = await places.find({ location: { $nearSphere: DA_NANG, $maxDistance: 30 / EARTH_RADIUS_KM } }).toArray();
      expect(names(found)).toEqual(['Da Nang', 'Hoi An']);
    });

    it('measures a legacy $near on a 2d index in flat coordinate units', async () => {
      const found = await legacy.find({ loc: { $near: DA_NANG, $maxDistance: 1 } }).toArray();
      expect(names(found)).toEqual(['Da Nang', 'Hoi An', 'Hue']);
    });

    it('applies the rest of the filter, a limit and an explicit sort', async () => {
      const nearest = await places.find({ name: { $ne: 'Da Nang' }, location: { $near: { $geometry: point(DA_NANG) } } }).limit(2).toArray();
      expect(names(nearest)).toEqual(['Hoi An', 'Hue']);
      const sorted = await places.find({ location: { $near: { $geometry: point(DA_NANG), $maxDistance: 100_000 } } }).sort({ name: -1 }).toArray();
      expect(names(sorted)).toEqual(['Hue', 'Hoi An', 'Da Nang']);
    });

    it('finds a document by the nearest point in an array of subdocuments', async () => {
      const tours = mongo.db.collection('tours');
      await tours.createIndex({ 'stops.location': '2dsphere' });
      await tours.insertMany([
        { name: 'North', stops: [{ city: 'Ha Noi', location: point(CITIES['Ha Noi'] as [number, number]) }] },
        { name: 'Heritage', stops: [{ city: 'Hue', location: point(CITIES.Hue as [number, number]) }, { city: 'Hoi An', location: point(CITIES['Hoi An'] as [number, number]) }] },
      ]);
      const found = await tours.find({ 'stops.location': { $near: { $geometry: point(DA_NANG), $maxDistance: 30_000 } } }).toArray();
      expect(names(found)).toEqual(['Heritage']);
    });

    it('reads legacy points stored as {lng, lat} objects', async () => {
      const objects = mongo.db.collection('object_points');
      await objects.createIndex({ loc: '2d' });
      await objects.insertMany(Object.entries(CITIES).map(([name, [lng, lat]]) => ({ name, loc: { lng, lat } })));
      const found = await objects.find({ loc: { $near: DA_NANG, $maxDistance: 1 } }).toArray();
      expect(names(found)).toEqual(['Da Nang', 'Hoi An', 'Hue']);
    });

    it('counts with the count command and picks the nearest document to update', async () => {
      const counted = await mongo.db.command({ count: 'places', query: { location: { $near: { $geometry: point(DA_NANG), $maxDistance: 100_000 } } } });
      expect(counted.n).toBe(3);
      const stations = mongo.db.collection('stations');
      await stations.createIndex({ location: '2dsphere' });
      await stations.insertMany([{ name: 'Hue', location: point(CITIES.Hue as [number, number]) }, { name: 'Hoi An', location: point(CITIES['Hoi An'] as [number, number]) }]);
      await stations.updateOne({ location: { $near: { $geometry: point(DA_NANG) } } }, { $set: { nearest: true } });
      expect(names(await stations.find({ nearest: true }).toArray())).toEqual(['Hoi An']);
    });

    it('needs a geo index on the field (291)', async () => {
      const plain = mongo.db.collection('no_geo_index');
      await plain.insertOne({ name: 'Da Nang', location: point(DA_NANG) });
      const error = await serverErrorOf(plain.find({ location: { $near: { $geometry: point(DA_NANG) } } }).toArray());
      expect(error.code).toBe(291);
      expect(error.message).toContain('unable to find index for $geoNear query');
    });

    it('is refused inside $or and in an aggregation $match (countDocuments)', async () => {
      const inOr = await serverErrorOf(places.find({ $or: [{ location: { $near: { $geometry: point(DA_NANG) } } }, { name: 'Hue' }] }).toArray());
      expect(inOr.code).toBe(2);
      expect(inOr.message).toBe('geoNear must be top-level expr');
      const counted = await serverErrorOf(places.countDocuments({ location: { $near: { $geometry: point(DA_NANG) } } }));
      expect(counted.code).toBe(5626500);
      expect(counted.message).toMatch(/^\$geoNear, \$near, and \$nearSphere are not allowed in this context/);
    });
  });

  describe('$geoNear aggregation stage', () => {
    it('adds the distance, filters with query and keeps nearest first', async () => {
      const result = await places.aggregate([
        { $geoNear: { near: point(DA_NANG), distanceField: 'km', distanceMultiplier: 0.001, spherical: true, query: { name: { $ne: 'Ho Chi Minh City' } }, includeLocs: 'at' } },
        { $project: { _id: 0, name: 1, km: { $round: ['$km', 0] }, at: 1 } },
      ]).toArray();
      expect(result).toEqual([
        { name: 'Da Nang', km: 0, at: point(DA_NANG) },
        { name: 'Hoi An', km: 24, at: point(CITIES['Hoi An'] as [number, number]) },
        { name: 'Hue', km: 80, at: point(CITIES.Hue as [number, number]) },
        { name: 'Ha Noi', km: 607, at: point(CITIES['Ha Noi'] as [number, number]) },
      ]);
    });

    it('honours maxDistance in meters and the key option', async () => {
      const result = await places.aggregate([{ $geoNear: { near: point(DA_NANG), key: 'location', distanceField: 'meters', maxDistance: 30_000 } }]).toArray();
      expect(names(result)).toEqual(['Da Nang', 'Hoi An']);
      expect(result[1]?.meters).toBeGreaterThan(24_000);
      expect(result[1]?.meters).toBeLessThan(24_500);
    });

    it('must be the first stage and needs a geo index', async () => {
      const late = await serverErrorOf(places.aggregate([{ $match: {} }, { $geoNear: { near: point(DA_NANG), distanceField: 'd' } }]).toArray());
      expect(late.code).toBe(40602);
      const plain = mongo.db.collection('no_geo_index_agg');
      await plain.insertOne({ location: point(DA_NANG) });
      const missing = await serverErrorOf(plain.aggregate([{ $geoNear: { near: point(DA_NANG), distanceField: 'd' } }]).toArray());
      expect(missing.code).toBe(27);
      expect(missing.message).toBe('$geoNear requires a 2d or 2dsphere index, but none were found');
    });
  });
});
