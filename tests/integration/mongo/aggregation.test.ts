import type { Collection, Document } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { serverErrorOf, useTestMongo } from '../../support/mongo.js';

const ORDERS: Document[] = [
  { _id: 1, firm: 'A', item: 'pen', qty: 2, price: 10, tags: ['red', 'blue'] },
  { _id: 2, firm: 'B', item: 'ink', qty: 5, price: 4, tags: ['blue'] },
  { _id: 3, firm: 'A', item: 'pad', qty: 1, price: 7, tags: [] },
  { _id: 4, firm: 'C', item: 'pen', qty: 4, price: 10 },
  { _id: 5, firm: 'A', item: 'ink', qty: 3, price: 4, tags: null },
];

describe('MongoDB aggregation pipeline', () => {
  const mongo = useTestMongo();
  let orders: Collection;
  const run = async (pipeline: Document[]): Promise<Document[]> => orders.aggregate(pipeline).toArray();

  beforeAll(async () => {
    orders = mongo.db.collection('orders');
    await orders.insertMany(ORDERS.map((d) => ({ ...d })));
    await mongo.db.collection('firms').insertMany([
      { _id: 'A', name: 'Alpha', city: 'Hue' },
      { _id: 'B', name: 'Beta', city: 'Hanoi' },
    ] as never[]);
  });

  it('groups with $sum $avg $min $max $push $addToSet $first $last', async () => {
    const groups = await run([
      { $sort: { _id: 1 } },
      {
        $group: {
          _id: '$firm',
          orders: { $sum: 1 },
          qty: { $sum: '$qty' },
          avgPrice: { $avg: '$price' },
          minQty: { $min: '$qty' },
          maxQty: { $max: '$qty' },
          items: { $push: '$item' },
          kinds: { $addToSet: '$item' },
          first: { $first: '$item' },
          last: { $last: '$item' },
          missing: { $sum: '$nope' },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    expect(groups.map((g) => ({ ...g, kinds: [...(g.kinds as string[])].sort() }))).toEqual([
      { _id: 'A', orders: 3, qty: 6, avgPrice: 7, minQty: 1, maxQty: 3, items: ['pen', 'pad', 'ink'], kinds: ['ink', 'pad', 'pen'], first: 'pen', last: 'ink', missing: 0 },
      { _id: 'B', orders: 1, qty: 5, avgPrice: 4, minQty: 5, maxQty: 5, items: ['ink'], kinds: ['ink'], first: 'ink', last: 'ink', missing: 0 },
      { _id: 'C', orders: 1, qty: 4, avgPrice: 10, minQty: 4, maxQty: 4, items: ['pen'], kinds: ['pen'], first: 'pen', last: 'pen', missing: 0 },
    ]);
  });

  it('groups everything under _id null and computes with expressions', async () => {
    expect(await run([{ $group: { _id: null, revenue: { $sum: { $multiply: ['$qty', '$price'] } }, avgQty: { $avg: '$qty' } } }])).toEqual([
      { _id: null, revenue: 20 + 20 + 7 + 40 + 12, avgQty: 3 },
    ]);
  });

  it('filters, sorts, skips, limits and shapes with $match $sort $skip $limit $project $addFields', async () => {
    const page = await run([
      { $match: { price: { $gte: 4 } } },
      { $addFields: { total: { $multiply: ['$qty', '$price'] } } },
      { $sort: { total: -1, _id: 1 } },
      { $skip: 1 },
      { $limit: 2 },
      { $project: { _id: 0, item: 1, total: 1, firmName: { $concat: ['firm ', '$firm'] } } },
    ]);
    expect(page).toEqual([
      { item: 'pen', total: 20, firmName: 'firm A' },
      { item: 'ink', total: 20, firmName: 'firm B' },
    ]);
    const excluded = await run([{ $match: { _id: 2 } }, { $project: { tags: 0, price: 0 } }]);
    expect(excluded).toEqual([{ _id: 2, firm: 'B', item: 'ink', qty: 5 }]);
  });

  it('unwinds arrays, dropping missing, null and empty ones unless preserveNullAndEmptyArrays', async () => {
    const plain = await run([{ $unwind: '$tags' }, { $project: { tags: 1 } }, { $sort: { _id: 1, tags: 1 } }]);
    expect(plain).toEqual([
      { _id: 1, tags: 'blue' },
      { _id: 1, tags: 'red' },
      { _id: 2, tags: 'blue' },
    ]);
    const kept = await run([
      { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } },
      { $project: { tags: 1, i: 1 } },
      { $sort: { _id: 1, i: 1 } },
    ]);
    expect(kept).toEqual([
      { _id: 1, tags: 'red', i: 0 },
      { _id: 1, tags: 'blue', i: 1 },
      { _id: 2, tags: 'blue', i: 0 },
      { _id: 3, i: null },
      { _id: 4, i: null },
      { _id: 5, tags: null, i: null },
    ]);
  });

  it('joins with $lookup, giving [] when nothing matches', async () => {
    const joined = await run([
      { $match: { _id: { $in: [1, 4] } } },
      { $lookup: { from: 'firms', localField: 'firm', foreignField: '_id', as: 'firmDoc' } },
      { $project: { firmDoc: 1 } },
      { $sort: { _id: 1 } },
    ]);
    expect(joined).toEqual([
      { _id: 1, firmDoc: [{ _id: 'A', name: 'Alpha', city: 'Hue' }] },
      { _id: 4, firmDoc: [] },
    ]);
  });

  it('joins with a $lookup sub-pipeline using let variables', async () => {
    const joined = await mongo.db
      .collection('firms')
      .aggregate([
        { $lookup: { from: 'orders', let: { f: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$firm', '$$f'] } } }, { $group: { _id: null, qty: { $sum: '$qty' } } }], as: 'stats' } },
        { $project: { qty: { $first: '$stats.qty' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 'A', qty: 6 },
      { _id: 'B', qty: 5 },
    ]);
  });

  it('runs several pipelines over the same input with $facet', async () => {
    const [facets] = await run([
      { $facet: { cheap: [{ $match: { price: { $lt: 5 } } }, { $count: 'n' }], firms: [{ $group: { _id: '$firm' } }, { $sort: { _id: 1 } }], none: [{ $match: { qty: 100 } }] } },
    ]);
    expect(facets).toEqual({ cheap: [{ n: 2 }], firms: [{ _id: 'A' }, { _id: 'B' }, { _id: 'C' }], none: [] });
  });

  it('counts with $count (no document at all for empty input) and $sortByCount', async () => {
    expect(await run([{ $match: { item: 'pen' } }, { $count: 'pens' }])).toEqual([{ pens: 2 }]);
    expect(await run([{ $match: { item: 'none' } }, { $count: 'n' }])).toEqual([]);
    expect(await run([{ $sortByCount: '$firm' }, { $limit: 1 }])).toEqual([{ _id: 'A', count: 3 }]);
  });

  it('pages the aggregate cursor with getMore when the result exceeds the batch size', async () => {
    const many = mongo.db.collection('many');
    await many.insertMany(Array.from({ length: 150 }, (_, i) => ({ i })));
    const out = await many.aggregate([{ $sort: { i: -1 } }, { $project: { _id: 0, i: 1 } }], { batchSize: 7 }).toArray();
    expect(out).toHaveLength(150);
    expect(out[0]).toEqual({ i: 149 });
    expect(out[149]).toEqual({ i: 0 });
  });

  it('refuses an unknown pipeline stage (code 40324)', async () => {
    const error = await serverErrorOf(run([{ $frobnicate: {} }]));
    expect(error.code).toBe(40324);
    expect(error.message).toContain("Unrecognized pipeline stage name: '$frobnicate'");
  });
});
