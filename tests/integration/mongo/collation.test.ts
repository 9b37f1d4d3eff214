import { describe, expect, it } from 'vitest';
import { serverErrorOf, useTestMongo } from '../../support/mongo.js';

const CASE_INSENSITIVE = { locale: 'en_US', strength: 2 };

describe('MongoDB collation', () => {
  const mongo = useTestMongo();

  async function cities(name: string) {
    const coll = mongo.db.collection(name);
    await coll.insertMany([{ _id: 1 as never, city: 'Hải Phòng' }, { _id: 2 as never, city: 'hai phong' }, { _id: 3 as never, city: 'Hà Nội' }, { _id: 4 as never, city: 'HAI PHONG' }]);
    return coll;
  }

  it('matches by locale and strength on find, count and distinct; without one, binary', async () => {
    const coll = await cities('coll_find');
    const ids = async (collation?: { locale: string; strength?: number }) => (await coll.find({ city: 'hai phong' }, collation ? { collation } : {}).toArray()).map((d) => d._id);
    expect(await ids()).toEqual([2]);
    expect(await ids({ locale: 'simple' })).toEqual([2]);
    expect(await ids({ locale: 'vi', strength: 3 })).toEqual([2]);
    expect(await ids({ locale: 'vi', strength: 2 })).toEqual([2, 4]);
    // Primary strength ignores the diacritics too, as ICU does for Vietnamese.
    expect(await ids({ locale: 'vi', strength: 1 })).toEqual([1, 2, 4]);
    expect(await coll.countDocuments({ city: { $in: ['HÀ NỘI'] } }, { collation: CASE_INSENSITIVE })).toBe(1);
    expect(await coll.distinct('city', {}, { collation: { locale: 'vi', strength: 1 } })).toHaveLength(2);
    expect(await coll.countDocuments({ city: 'HAI PHONG' })).toBe(1);
  });

  it('sorts by the collation and applies it to updates and deletes', async () => {
    const coll = mongo.db.collection('coll_sort');
    await coll.insertMany([{ n: 'b' }, { n: 'A' }, { n: 'a' }, { n: 'B' }]);
    const sorted = (await coll.find({}, { collation: { locale: 'en', strength: 3 } }).sort({ n: 1 }).toArray()).map((d) => d.n);
    expect(sorted).toEqual(['a', 'A', 'b', 'B']);
    expect((await coll.find({}).sort({ n: 1 }).toArray()).map((d) => d.n)).toEqual(['A', 'B', 'a', 'b']);
    const updated = await coll.updateMany({ n: 'a' }, { $set: { hit: true } }, { collation: CASE_INSENSITIVE });
    expect(updated.modifiedCount).toBe(2);
    const deleted = await coll.deleteMany({ n: 'B' }, { collation: CASE_INSENSITIVE });
    expect(deleted.deletedCount).toBe(2);
    const agg = await coll.aggregate([{ $match: { n: 'A' } }, { $sort: { n: 1 } }], { collation: CASE_INSENSITIVE }).toArray();
    expect(agg.map((d) => d.n)).toEqual(['A', 'a']);
  });

  it('uses the collection default collation when an operation names none', async () => {
    await mongo.db.createCollection('coll_default', { collation: { locale: 'en_US', strength: 1 } });
    const [info] = (await mongo.db.listCollections({ name: 'coll_default' }).toArray()) as Array<{ options: Record<string, unknown> }>;
    expect(info?.options.collation).toMatchObject({ locale: 'en_US', strength: 1, caseLevel: false, caseFirst: 'off', numericOrdering: false, alternate: 'non-ignorable' });
    const coll = mongo.db.collection('coll_default');
    await coll.insertMany([{ name: 'Zeta' }, { name: 'alpha' }]);
    expect((await coll.find({}).sort({ name: 1 }).toArray()).map((d) => d.name)).toEqual(['alpha', 'Zeta']);
    expect(await coll.countDocuments({ name: 'ALPHA' })).toBe(1);
    expect(await coll.countDocuments({ name: 'ALPHA' }, { collation: { locale: 'simple' } })).toBe(0);
  });

  it('refuses a second key equal under a unique index collation, and lists the collation', async () => {
    const coll = mongo.db.collection('coll_unique');
    await coll.createIndex({ tag: 1 }, { unique: true, collation: CASE_INSENSITIVE });
    await coll.insertOne({ tag: 'abc' });
    const error = await serverErrorOf(coll.insertOne({ tag: 'Abc' }));
    expect(error.code).toBe(11000);
    await coll.insertOne({ tag: 'abd' });
    const index = (await coll.listIndexes().toArray()).find((i) => i.name === 'tag_1');
    expect(index?.collation).toMatchObject({ locale: 'en_US', strength: 2 });
  });

  it('refuses a collation without locale, with an unknown field or an unknown locale', async () => {
    const coll = mongo.db.collection('coll_bad');
    await coll.insertOne({ a: 'x' });
    expect((await serverErrorOf(coll.find({}, { collation: { strength: 2 } as never }).toArray())).code).toBe(40414);
    expect((await serverErrorOf(coll.find({}, { collation: { locale: 'en', blah: 1 } as never }).toArray())).code).toBe(40415);
    expect((await serverErrorOf(coll.find({}, { collation: { locale: 'xx' } }).toArray())).code).toBe(2);
  });
});
