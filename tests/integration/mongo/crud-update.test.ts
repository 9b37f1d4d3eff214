import { Long, ObjectId, type Collection, type Document } from 'mongodb';
import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestMongo } from '../../support/mongo.js';

describe('MongoDB CRUD: update operators', () => {
  const mongo = useTestMongo();
  let counter = 0;
  /** A collection of its own holding one document with _id 1. */
  async function withDoc(doc: Document): Promise<Collection> {
    counter += 1;
    const coll = mongo.db.collection(`upd${counter}`);
    await coll.insertOne({ _id: 1 as never, ...doc });
    return coll;
  }
  const one = async (coll: Collection): Promise<Document | null> => coll.findOne({ _id: 1 as never });

  it('applies $set (creating nested paths), $inc, $unset and $rename', async () => {
    const coll = await withDoc({ name: 'Lan', views: 1, old: 'x', drop: true });
    const result = await coll.updateOne(
      { _id: 1 as never },
      { $set: { 'profile.city': 'Hue', name: 'Lan Anh' }, $inc: { views: 2, likes: 1 }, $unset: { drop: '', never: '' }, $rename: { old: 'renamed' } },
    );
    expect(result).toMatchObject({ acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await one(coll)).toEqual({ _id: 1, name: 'Lan Anh', views: 3, likes: 1, profile: { city: 'Hue' }, renamed: 'x' });
  });

  it('applies plain-path $set, $unset, $inc and $push exactly as mongod does, and refuses what it refuses', async () => {
    const coll = await withDoc({ status: 'pending', attempts: 0, ids: ['a'], lease: { by: 'w1', until: 5 }, nested: { keep: 1 } });
    await coll.updateOne(
      { _id: 1 as never },
      { $set: { status: 'sent', 'nested.deep.value': [1, { x: 2 }] }, $inc: { attempts: 1, 'counts.sends': 2 }, $push: { ids: 'b', fresh: { v: 1 } }, $unset: { lease: '', 'nested.absent.leaf': '' } } as never,
    );
    expect(await one(coll)).toEqual({ _id: 1, status: 'sent', attempts: 1, ids: ['a', 'b'], nested: { keep: 1, deep: { value: [1, { x: 2 }] } }, counts: { sends: 2 }, fresh: [{ v: 1 }] });
    // Unchanged values are not a modification.
    expect((await coll.updateOne({ _id: 1 as never }, { $set: { status: 'sent' } })).modifiedCount).toBe(0);
    // Refusals: a scalar in the way, $inc of text, $push onto a non-array, the same path twice.
    const refusals: Document[] = [
      { $set: { 'status.inner': 1 } },
      { $inc: { status: 1 } },
      { $push: { status: 'x' } },
      { $set: { attempts: 2 }, $inc: { attempts: 1 } },
      { $set: { nested: {} }, $unset: { 'nested.keep': '' } },
    ];
    for (const update of refusals) {
      await expect(coll.updateOne({ _id: 1 as never }, update)).rejects.toMatchObject({ name: 'MongoServerError' });
    }
    expect(await one(coll)).toMatchObject({ status: 'sent', attempts: 1, nested: { keep: 1 } });
  });

  it('applies $min, $max and $mul, creating missing fields', async () => {
    const coll = await withDoc({ low: 5, keepLow: 5, high: 5, keepHigh: 5, price: 2.5, qty: 3 });
    await coll.updateOne(
      { _id: 1 as never },
      { $min: { low: 3, keepLow: 9, newMin: 7 }, $max: { high: 8, keepHigh: 1 }, $mul: { price: 2, qty: 2, absent: 5 } } as never,
    );
    expect(await one(coll)).toEqual({ _id: 1, low: 3, keepLow: 5, newMin: 7, high: 8, keepHigh: 5, price: 5, qty: 6, absent: 0 });
  });

  it('sets the current time with $currentDate', async () => {
    const coll = await withDoc({});
    const before = Date.now();
    await coll.updateOne({ _id: 1 as never }, { $currentDate: { at: true, typed: { $type: 'date' } } } as never);
    const doc = await one(coll);
    expect(doc?.at).toBeInstanceOf(Date);
    expect(doc?.typed).toBeInstanceOf(Date);
    expect((doc?.at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((doc?.at as Date).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('pushes with $each, $sort and $slice; adds to a set without duplicates; pulls and pops', async () => {
    const coll = await withDoc({ scores: [5, 1], tags: ['a'], items: [1, 2, 3, 4, 2], queue: [1, 2, 3] });
    await coll.updateOne(
      { _id: 1 as never },
      { $push: { scores: { $each: [9, 3], $sort: -1, $slice: 3 } }, $addToSet: { tags: { $each: ['a', 'b', 'b'] } }, $pull: { items: 2 }, $pop: { queue: -1 } } as never,
    );
    expect(await one(coll)).toEqual({ _id: 1, scores: [9, 5, 3], tags: ['a', 'b'], items: [1, 3, 4], queue: [2, 3] });
    await coll.updateOne({ _id: 1 as never }, { $pull: { items: { $gte: 3 } }, $push: { tags: 'a' } } as never);
    expect(await one(coll)).toMatchObject({ items: [1], tags: ['a', 'b', 'a'] });
  });

  it('pulls subdocuments matching a condition', async () => {
    const coll = await withDoc({ results: [{ item: 'A', score: 5 }, { item: 'B', score: 8 }, { item: 'C', score: 8 }] });
    await coll.updateOne({ _id: 1 as never }, { $pull: { results: { score: 8, item: 'B' } } } as never);
    expect((await one(coll))?.results).toEqual([{ item: 'A', score: 5 }, { item: 'C', score: 8 }]);
  });

  it('pulls subdocuments matching an $or condition, in every matched document', async () => {
    const coll = mongo.db.collection('pull_or');
    const items = [{ _id: 1, k: 'a' }, { _id: 2, k: 'b' }, { _id: 3, k: 'c' }, 7];
    await coll.insertMany([{ _id: 1 as never, items }, { _id: 2 as never, items }]);
    const result = await coll.updateMany({}, { $pull: { items: { $or: [{ _id: 1 }, { k: 'c' }] } } } as never);
    expect(result.modifiedCount).toBe(2);
    for (const doc of await coll.find().toArray()) expect(doc.items).toEqual([{ _id: 2, k: 'b' }, 7]);
  });

  it('saves a mongoose document after pulling a subdocument from its array', async () => {
    const conn = await mongo.mongoose();
    const Thread = conn.model('Thread', new Schema({ replies: [new Schema({ text: String })] }));
    const thread = await Thread.create({ replies: [{ text: 'first' }, { text: 'second' }] });
    const first = thread.replies[0];
    if (!first) throw new Error('no reply');
    thread.replies.pull(first);
    await thread.save();
    expect((await Thread.findById(thread._id).lean())?.replies.map((r) => r.text)).toEqual(['second']);
  });

  it('updates the first matched array element with the positional $', async () => {
    const coll = await withDoc({ grades: [{ g: 80, n: 0 }, { g: 85, n: 0 }, { g: 85, n: 0 }] });
    await coll.updateOne({ _id: 1 as never, 'grades.g': 85 }, { $set: { 'grades.$.n': 1 } });
    expect((await one(coll))?.grades).toEqual([{ g: 80, n: 0 }, { g: 85, n: 1 }, { g: 85, n: 0 }]);
  });

  it('updates two fields of one array element through $, $[] and $[id] in a single update', async () => {
    const coll = await withDoc({ kids: [{ k: 1, name: 'a', n: 0 }, { k: 2, name: 'b', n: 0 }] });
    await coll.updateOne({ _id: 1 as never, 'kids.k': 2 }, { $set: { 'kids.$.name': 'B', 'kids.$.at': 5 }, $inc: { 'kids.$.n': 1 } } as never);
    expect((await one(coll))?.kids).toEqual([{ k: 1, name: 'a', n: 0 }, { k: 2, name: 'B', n: 1, at: 5 }]);
    await coll.updateOne({ _id: 1 as never }, { $set: { 'kids.$[].seen': true }, $inc: { 'kids.$[].n': 10 } } as never);
    await coll.updateOne({ _id: 1 as never }, { $set: { 'kids.$[kid].name': 'A', 'kids.$[kid].tag': 'first' } } as never, { arrayFilters: [{ 'kid.k': 1 }] });
    expect((await one(coll))?.kids).toEqual([
      { k: 1, name: 'A', n: 10, seen: true, tag: 'first' },
      { k: 2, name: 'B', n: 11, at: 5, seen: true },
    ]);
    // The same field twice is still a conflict.
    await expect(coll.updateOne({ _id: 1 as never, 'kids.k': 2 }, { $set: { 'kids.$.n': 1 }, $inc: { 'kids.$.n': 1 } } as never)).rejects.toMatchObject({ code: 40 });
  });

  it('resolves $ once against the matched document, even when the update changes the matched field', async () => {
    // mongoose sends this shape for a positional rename plus a subdocument timestamp.
    const coll = await withDoc({ kids: [{ name: 'foo', at: 1 }, { name: 'bar', at: 1 }, { name: 'baz', at: 1 }] });
    await coll.updateOne({ 'kids.name': 'bar' }, { $set: { 'kids.$.name': 'Luke', 'kids.$.at': 2 }, $inc: { 'kids.$.n': 1 } } as never);
    expect((await one(coll))?.kids).toEqual([{ name: 'foo', at: 1 }, { name: 'Luke', at: 2, n: 1 }, { name: 'baz', at: 1 }]);
  });

  it('updates every element with $[] and matching ones with arrayFilters', async () => {
    const coll = await withDoc({ scores: [1, 2, 3], grades: [{ g: 70 }, { g: 90 }, { g: 95 }] });
    await coll.updateOne({ _id: 1 as never }, { $inc: { 'scores.$[]': 10 } } as never);
    await coll.updateOne({ _id: 1 as never }, { $set: { 'grades.$[high].top': true } } as never, { arrayFilters: [{ 'high.g': { $gte: 90 } }] });
    expect(await one(coll)).toEqual({ _id: 1, scores: [11, 12, 13], grades: [{ g: 70 }, { g: 90, top: true }, { g: 95, top: true }] });
  });

  it('reports modifiedCount 0 when the update changes nothing', async () => {
    const coll = await withDoc({ name: 'same' });
    const result = await coll.updateOne({ _id: 1 as never }, { $set: { name: 'same' } });
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(0);
    const none = await coll.updateOne({ _id: 2 as never }, { $set: { name: 'x' } });
    expect(none).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
  });

  it('seeds an upserted document from the query equalities and $setOnInsert', async () => {
    const coll = mongo.db.collection('upserts');
    const result = await coll.updateOne(
      { city: 'Hue', 'owner.name': 'Lan', size: { $gt: 5 }, kind: { $eq: 'firm' } },
      { $set: { open: true }, $setOnInsert: { createdBy: 'seed' }, $inc: { visits: 1 } },
      { upsert: true },
    );
    expect(result).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    expect(result.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await coll.findOne({ _id: result.upsertedId as ObjectId }, { projection: { _id: 0 } });
    expect(doc).toEqual({ city: 'Hue', owner: { name: 'Lan' }, kind: 'firm', open: true, createdBy: 'seed', visits: 1 });

    const again = await coll.updateOne({ city: 'Hue', 'owner.name': 'Lan' }, { $setOnInsert: { createdBy: 'other' }, $inc: { visits: 1 } }, { upsert: true });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await coll.findOne({ city: 'Hue' }, { projection: { _id: 0, createdBy: 1, visits: 1 } })).toEqual({ createdBy: 'seed', visits: 2 });
  });

  it('upserts with the _id from the query', async () => {
    const coll = mongo.db.collection('upsertId');
    const result = await coll.updateOne({ _id: 'key-1' as never }, { $set: { v: 1 } }, { upsert: true });
    expect(result.upsertedId).toBe('key-1');
    expect(await coll.findOne({ _id: 'key-1' as never })).toEqual({ _id: 'key-1', v: 1 });
  });

  it('updates many documents and counts them', async () => {
    const coll = mongo.db.collection('many');
    await coll.insertMany([{ s: 'open', n: 1 }, { s: 'open', n: 1 }, { s: 'closed', n: 1 }]);
    const result = await coll.updateMany({ s: 'open' }, { $inc: { n: 1 } });
    expect(result).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect((await coll.find({}, { projection: { _id: 0 } }).sort({ s: 1 }).toArray()).map((d) => d.n)).toEqual([1, 2, 2]);
  });

  it('replaces a whole document, keeping its _id', async () => {
    const coll = await withDoc({ a: 1, b: 2 });
    const result = await coll.replaceOne({ _id: 1 as never }, { c: 3 });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await one(coll)).toEqual({ _id: 1, c: 3 });
    const upserted = await coll.replaceOne({ _id: 2 as never }, { d: 4 }, { upsert: true });
    expect(upserted.upsertedId).toBe(2);
    expect(await coll.findOne({ _id: 2 as never })).toEqual({ _id: 2, d: 4 });
  });

  it('refuses a replacement document holding update operators (driver check)', async () => {
    const coll = await withDoc({ a: 1 });
    await expect(coll.replaceOne({ _id: 1 as never }, { $set: { a: 2 } })).rejects.toThrow('atomic operators');
    expect(await one(coll)).toEqual({ _id: 1, a: 1 });
  });

  it('deletes one and many, reporting deletedCount', async () => {
    const coll = mongo.db.collection('deletes');
    await coll.insertMany([{ k: 'a' }, { k: 'a' }, { k: 'a' }, { k: 'b' }]);
    expect(await coll.deleteOne({ k: 'a' })).toEqual({ acknowledged: true, deletedCount: 1 });
    expect(await coll.deleteMany({ k: 'a' })).toEqual({ acknowledged: true, deletedCount: 2 });
    expect(await coll.deleteOne({ k: 'zzz' })).toEqual({ acknowledged: true, deletedCount: 0 });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('keeps numeric types through $inc: int + int stays int, int + long is long, int + double is double', async () => {
    const coll = await withDoc({ i: 1, l: 1, d: 1 });
    await coll.updateOne({ _id: 1 as never }, { $inc: { i: 1, l: Long.fromNumber(1), d: 0.5 } });
    const [types] = await coll.aggregate([{ $project: { _id: 0, i: { $type: '$i' }, l: { $type: '$l' }, d: { $type: '$d' } } }]).toArray();
    expect(types).toEqual({ i: 'int', l: 'long', d: 'double' });
    expect(await one(coll)).toEqual({ _id: 1, i: 2, l: 2, d: 1.5 });
  });
});
