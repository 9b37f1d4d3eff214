import { describe, expect, it } from 'vitest';
import { serverErrorOf, useTestMongo } from '../../support/mongo.js';

describe('MongoDB aggregate $out', () => {
  const mongo = useTestMongo();

  it('replaces the target collection with the results and keeps its indexes', async () => {
    const source = mongo.db.collection('out_source');
    await source.insertMany([{ g: 'a', n: 1 }, { g: 'a', n: 2 }, { g: 'b', n: 5 }]);
    const target = mongo.db.collection('out_target');
    await target.insertOne({ _id: 'old' as never });
    await target.createIndex({ total: 1 });
    const returned = await source.aggregate([{ $group: { _id: '$g', total: { $sum: '$n' } } }, { $sort: { _id: 1 } }, { $out: 'out_target' }]).toArray();
    expect(returned).toEqual([]);
    expect(await target.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', total: 3 }, { _id: 'b', total: 5 }]);
    expect((await target.listIndexes().toArray()).map((i) => i.name)).toContain('total_1');
  });

  it('refuses $out before the last stage with 40601', async () => {
    const source = mongo.db.collection('out_middle');
    await source.insertOne({ a: 1 });
    const error = await serverErrorOf(source.aggregate([{ $out: 'x' }, { $match: {} }]).toArray());
    expect(error.code).toBe(40601);
  });
});
