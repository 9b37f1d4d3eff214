import { ObjectId, type Collection, type Document, type IndexDescription } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestMongo } from '../../support/mongo.js';

/**
 * Sorted, limited reads and counts give the same answer whether an index serves them or not:
 * every scenario runs on a collection with the index and on a twin without any, and both must
 * give MongoDB's answer.
 */
describe('MongoDB reads in index order and counts from indexes', () => {
  const mongo = useTestMongo();
  let serial = 0;

  async function twins(docs: Document[], indexes: IndexDescription[]) {
    serial += 1;
    const indexed = mongo.db.collection(`indexed_${serial}`);
    const plain = mongo.db.collection(`plain_${serial}`);
    await indexed.createIndexes(indexes);
    await indexed.insertMany(docs.map((d) => ({ ...d })));
    await plain.insertMany(docs.map((d) => ({ ...d })));
    /** The result of `read` on both collections, asserted identical. */
    return async <T>(read: (coll: Collection) => Promise<T>): Promise<T> => {
      const [withIndex, without] = [await read(indexed), await read(plain)];
      expect(withIndex).toEqual(without);
      return withIndex;
    };
  }

  const ids = (docs: Document[]) => docs.map((d) => d._id as unknown);

  it('breaks ties on the sort key by _id, forwards and backwards, with skip and limit', async () => {
    const docs = Array.from({ length: 30 }, (_, i) => ({ _id: i, hidden: i % 5 === 0, at: Math.floor(i / 3) }));
    const both = await twins(docs, [{ key: { hidden: 1, at: -1, _id: -1 } }, { key: { at: -1, _id: -1 } }]);
    const newest = await both((c) => c.find({ hidden: false }).sort({ at: -1, _id: -1 }).limit(6).toArray());
    expect(ids(newest)).toEqual([29, 28, 27, 26, 24, 23]);
    const oldest = await both((c) => c.find({ hidden: false }).sort({ at: 1, _id: 1 }).limit(5).toArray());
    expect(ids(oldest)).toEqual([1, 2, 3, 4, 6]);
    const page = await both((c) => c.find({ hidden: false }).sort({ at: -1, _id: -1 }).skip(4).limit(3).toArray());
    expect(ids(page)).toEqual([24, 23, 22]);
    const all = await both((c) => c.find({}).sort({ at: -1, _id: -1 }).limit(4).toArray());
    expect(ids(all)).toEqual([29, 28, 27, 26]);
    const pastEnd = await both((c) => c.find({ hidden: true }).sort({ at: -1, _id: -1 }).skip(6).limit(3).toArray());
    expect(pastEnd).toEqual([]);
  });

  it('sorts missing and null sort keys first ascending and last descending', async () => {
    const docs = [{ _id: 1, k: 2 }, { _id: 2 }, { _id: 3, k: null }, { _id: 4, k: 1 }, { _id: 5 }, { _id: 6, k: 3 }];
    const both = await twins(docs, [{ key: { k: 1, _id: 1 } }]);
    expect(ids(await both((c) => c.find().sort({ k: 1, _id: 1 }).limit(4).toArray()))).toEqual([2, 3, 5, 4]);
    expect(ids(await both((c) => c.find().sort({ k: -1, _id: -1 }).limit(4).toArray()))).toEqual([6, 1, 4, 5]);
    expect(ids(await both((c) => c.find().sort({ k: -1, _id: -1 }).skip(3).toArray()))).toEqual([5, 3, 2]);
  });

  it('orders mixed types in the sort field in BSON order', async () => {
    const oid = new ObjectId('64b000000000000000000001');
    const docs = [
      { _id: 1, v: 'b' }, { _id: 2, v: true }, { _id: 3, v: 10 }, { _id: 4, v: new Date('2026-01-01T00:00:00Z') },
      { _id: 5, v: oid }, { _id: 6, v: { x: 1 } }, { _id: 7, v: null }, { _id: 8, v: 'a' }, { _id: 9, v: -2.5 }, { _id: 10, v: false },
    ];
    const both = await twins(docs, [{ key: { v: 1 } }]);
    const ascending = [7, 9, 3, 8, 1, 6, 5, 10, 2, 4];
    expect(ids(await both((c) => c.find().sort({ v: 1 }).toArray()))).toEqual(ascending);
    expect(ids(await both((c) => c.find().sort({ v: -1 }).limit(4).toArray()))).toEqual([...ascending].reverse().slice(0, 4));
    expect(ids(await both((c) => c.find({ v: { $gte: 'a' } }).sort({ v: 1 }).toArray()))).toEqual([8, 1]);
  });

  it('sorts arrays by their smallest element ascending and largest descending, with or without an index', async () => {
    const docs = [{ _id: 'a', k: [1, 9] }, { _id: 'b', k: 5 }, { _id: 'c', k: [3, 4] }, { _id: 'd', k: [] }, { _id: 'e' }];
    const both = await twins(docs, [{ key: { k: 1 } }]);
    expect(ids(await both((c) => c.find().sort({ k: 1 }).limit(3).toArray()))).toEqual(['d', 'e', 'a']);
    expect(ids(await both((c) => c.find().sort({ k: -1 }).limit(3).toArray()))).toEqual(['a', 'b', 'c']);
    // The sort key is taken from the whole array, not only from the elements the filter matched.
    expect(ids(await both((c) => c.find({ k: { $gte: 3 } }).sort({ k: 1 }).toArray()))).toEqual(['a', 'c', 'b']);
  });

  it('checks conditions the index does not cover on each document it walks', async () => {
    const docs = Array.from({ length: 40 }, (_, i) => ({ _id: i, hidden: i % 4 === 0, at: i, tag: i % 3 === 0 ? 'x' : 'y' }));
    const both = await twins(docs, [{ key: { hidden: 1, at: -1, _id: -1 } }]);
    const tagged = await both((c) => c.find({ hidden: false, tag: 'x' }).sort({ at: -1, _id: -1 }).limit(4).toArray());
    expect(ids(tagged)).toEqual([39, 33, 30, 27]);
    const before = await both((c) => c.find({ hidden: false, at: { $lt: 10 } }).sort({ at: -1, _id: -1 }).limit(3).toArray());
    expect(ids(before)).toEqual([9, 7, 6]);
    const either = await both((c) => c.find({ $or: [{ hidden: true }, { at: 1 }] }).sort({ at: -1, _id: -1 }).limit(3).toArray());
    expect(ids(either)).toEqual([36, 32, 28]);
  });

  it('never answers from a sparse, partial or hidden index what the collection holds beyond it', async () => {
    const docs = [{ _id: 1, k: 3, live: true }, { _id: 2, live: false }, { _id: 3, k: 1, live: false }, { _id: 4, k: 2, live: true }];
    const sparse = await twins(docs, [{ key: { k: 1 }, sparse: true }]);
    expect(ids(await sparse((c) => c.find().sort({ k: 1 }).toArray()))).toEqual([2, 3, 4, 1]);
    expect(await sparse((c) => c.countDocuments({}))).toBe(4);

    const partial = await twins(docs, [{ key: { k: 1 }, partialFilterExpression: { live: true } }]);
    expect(ids(await partial((c) => c.find().sort({ k: 1 }).limit(3).toArray()))).toEqual([2, 3, 4]);
    expect(await partial((c) => c.countDocuments({ k: { $gte: 1 } }))).toBe(3);

    const hidden = await twins(docs, [{ key: { live: 1, k: -1 }, hidden: true } as IndexDescription]);
    expect(ids(await hidden((c) => c.find({ live: false }).sort({ k: -1 }).toArray()))).toEqual([3, 2]);
    expect(await hidden((c) => c.countDocuments({ live: false }))).toBe(2);
  });

  it('counts equalities and ranges on indexed fields, only within the bound value type', async () => {
    const start = Date.UTC(2026, 0, 1);
    const docs = [
      ...Array.from({ length: 20 }, (_, i) => ({ _id: i, hidden: i % 4 === 0, at: new Date(start + i * 1000), n: i })),
      { _id: 'text', hidden: false, at: 'yesterday', n: '7' },
      { _id: 'nan', hidden: false, at: null, n: Number.NaN },
      { _id: 'none', hidden: false },
    ];
    const both = await twins(docs, [{ key: { hidden: 1, at: -1 } }, { key: { n: 1 } }]);
    expect(await both((c) => c.countDocuments({ hidden: false }))).toBe(18);
    expect(await both((c) => c.countDocuments({ hidden: false, at: { $gte: new Date(start + 10_000) } }))).toBe(8);
    expect(await both((c) => c.countDocuments({ hidden: false, at: { $gt: new Date(start + 10_000), $lte: new Date(start + 15_000) } }))).toBe(4);
    expect(await both((c) => c.countDocuments({ hidden: true, at: { $lt: new Date(start + 9_000) } }))).toBe(3);
    expect(await both((c) => c.countDocuments({ n: { $lt: 5 } }))).toBe(5);
    expect(await both((c) => c.countDocuments({ n: { $gte: 3, $gt: 4, $lt: 100 } }))).toBe(15);
    expect(await both((c) => c.countDocuments({ n: { $gte: '' } }))).toBe(1);
    expect(await both((c) => c.countDocuments({ n: 7 }))).toBe(1);
    expect(await both((c) => c.countDocuments({ n: { $eq: 25 } }))).toBe(0);
    expect(await both((c) => c.countDocuments({ hidden: false, n: { $lt: 10 } }))).toBe(7);
  });

  it('counts with skip and limit, and the count command with a query', async () => {
    const docs = Array.from({ length: 12 }, (_, i) => ({ _id: i, hidden: i % 3 === 0 }));
    const both = await twins(docs, [{ key: { hidden: 1 } }]);
    expect(await both((c) => c.countDocuments({ hidden: false }, { skip: 3, limit: 4 }))).toBe(4);
    expect(await both((c) => c.countDocuments({ hidden: false }, { skip: 6, limit: 4 }))).toBe(2);
    expect(await both((c) => c.countDocuments({ hidden: false }, { skip: 8 }))).toBe(0);
    expect(await both((c) => c.countDocuments({}, { limit: 5 }))).toBe(5);
    expect(await both((c) => c.estimatedDocumentCount())).toBe(12);
    const counted = await both(async (c) => (await mongo.db.command({ count: c.collectionName, query: { hidden: true }, skip: 1, limit: 2 })).n as number);
    expect(counted).toBe(2);
    const group = await both((c) => c.aggregate([{ $match: { hidden: true } }, { $group: { _id: null, total: { $sum: 1 } } }]).toArray());
    expect(group).toEqual([{ _id: null, total: 4 }]);
    expect(await both((c) => c.aggregate([{ $match: { hidden: 'no' } }, { $group: { _id: 1, n: { $sum: 1 } } }]).toArray())).toEqual([]);
  });

  it('counts a document once however many elements of its array match, and ranges met by different elements', async () => {
    const docs = [{ _id: 1, tags: ['x', 'y', 'x'] }, { _id: 2, tags: 'x' }, { _id: 3, tags: ['y'] }, { _id: 4, k: [1, 5] }, { _id: 5, k: [3] }, { _id: 6, k: 9 }];
    const both = await twins(docs, [{ key: { tags: 1 } }, { key: { k: 1 } }]);
    expect(await both((c) => c.countDocuments({ tags: 'x' }))).toBe(2);
    expect(await both((c) => c.countDocuments({ k: { $gt: 2, $lt: 4 } }))).toBe(2);
    expect(ids(await both((c) => c.find({ k: { $gt: 2, $lt: 4 } }).sort({ _id: 1 }).toArray()))).toEqual([4, 5]);
  });

  it('keeps counts and index walks right after updates and deletes move index keys', async () => {
    const docs = Array.from({ length: 10 }, (_, i) => ({ _id: i, hidden: false, at: i }));
    const both = await twins(docs, [{ key: { hidden: 1, at: -1, _id: -1 } }]);
    await both((c) => c.updateMany({ at: { $gte: 7 } }, { $set: { hidden: true } }));
    await both((c) => c.deleteOne({ _id: 2 as never }));
    await both((c) => c.updateOne({ _id: 0 as never }, { $set: { at: 100 } }));
    expect(await both((c) => c.countDocuments({ hidden: false }))).toBe(6);
    expect(await both((c) => c.countDocuments({ hidden: false, at: { $gte: 5 } }))).toBe(3);
    expect(ids(await both((c) => c.find({ hidden: false }).sort({ at: -1, _id: -1 }).limit(3).toArray()))).toEqual([0, 6, 5]);
  });
});
