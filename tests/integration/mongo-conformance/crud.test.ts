import { MongoBulkWriteError, type Collection } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestMongo, type TestMongo } from '../../support/test-mongo.js';

interface Person {
  _id: number;
  name: string;
  city?: string;
  age?: number;
  tags?: string[];
  scores?: { subject: string; value: number }[];
  score?: number;
}

describe('MongoDB conformance: reads and writes through the official driver', () => {
  let mongo: TestMongo;
  let people: Collection<Person>;
  beforeAll(async () => {
    mongo = await openTestMongo();
  });
  afterAll(async () => {
    await mongo.close();
  });
  beforeEach(async () => {
    people = mongo.db.collection<Person>(`people_${Math.random().toString(36).slice(2, 8)}`);
    await people.insertMany([
      { _id: 1, name: 'An', city: 'Hà Nội', age: 30, tags: ['go', 'k8s'] },
      { _id: 2, name: 'Bình', city: 'Đà Nẵng', age: 25, tags: ['react'] },
      { _id: 3, name: 'Chi', city: 'Hà Nội', age: 35 },
      { _id: 4, name: 'Dũng', age: 41, tags: [] },
    ]);
  });

  it('finds with filter, projection, sort, skip and limit', async () => {
    const rows = await people
      .find({ age: { $gte: 25 } }, { projection: { name: 1, _id: 0 } })
      .sort({ age: -1 })
      .skip(1)
      .limit(2)
      .toArray();
    expect(rows).toEqual([{ name: 'Chi' }, { name: 'An' }]);
  });

  it('matches null against a missing field, and $exists tells them apart', async () => {
    expect(await people.countDocuments({ city: null } as never)).toBe(1);
    expect(await people.countDocuments({ city: { $exists: false } })).toBe(1);
    expect(await people.countDocuments({ tags: { $size: 0 } })).toBe(1);
    expect(await people.countDocuments({ tags: 'go' })).toBe(1);
  });

  it('iterates 250 documents in batches of 10 through getMore', async () => {
    const many = mongo.db.collection<{ _id: number }>('many');
    await many.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i })));
    const cursor = many.find({}, { batchSize: 10 }).sort({ _id: 1 });
    let seen = 0;
    for await (const doc of cursor) {
      expect(doc._id).toBe(seen);
      seen += 1;
    }
    expect(seen).toBe(250);
    await many.drop();
  });

  it('applies update operators', async () => {
    await people.updateOne({ _id: 1 }, { $set: { city: 'Huế' }, $inc: { age: 1 }, $push: { tags: 'rust' }, $unset: { name: '' } });
    await people.updateOne({ _id: 1 }, { $addToSet: { tags: 'go' } });
    expect(await people.findOne({ _id: 1 })).toEqual({ _id: 1, city: 'Huế', age: 31, tags: ['go', 'k8s', 'rust'] });
    await people.updateOne({ _id: 1 }, { $pull: { tags: 'k8s' }, $rename: { city: 'town' }, $min: { age: 20 } });
    await people.updateOne({ _id: 1 }, { $mul: { age: 2 }, $max: { score: 3 } });
    expect(await people.findOne({ _id: 1 })).toEqual({ _id: 1, town: 'Huế', age: 40, tags: ['go', 'rust'], score: 3 });
  });

  it('updates array elements with $, $[] and arrayFilters', async () => {
    await people.insertOne({
      _id: 9,
      name: 'Em',
      scores: [
        { subject: 'math', value: 5 },
        { subject: 'art', value: 9 },
      ],
    });
    await people.updateOne({ _id: 9, 'scores.subject': 'math' }, { $set: { 'scores.$.value': 6 } });
    await people.updateOne({ _id: 9 }, { $inc: { 'scores.$[].value': 1 } });
    await people.updateOne({ _id: 9 }, { $set: { 'scores.$[s].value': 0 } }, { arrayFilters: [{ 's.value': { $gt: 9 } }] });
    expect((await people.findOne({ _id: 9 }))?.scores).toEqual([
      { subject: 'math', value: 7 },
      { subject: 'art', value: 0 },
    ]);
  });

  it('seeds an upserted document from the query’s equality fields and $setOnInsert', async () => {
    const res = await people.updateOne(
      { name: 'Giang', city: 'Cần Thơ' },
      { $set: { age: 28 }, $setOnInsert: { tags: ['new'] } },
      { upsert: true },
    );
    expect(res.upsertedCount).toBe(1);
    const doc = await people.findOne({ name: 'Giang' }, { projection: { _id: 0 } });
    expect(doc).toEqual({ name: 'Giang', city: 'Cần Thơ', age: 28, tags: ['new'] });
    const again = await people.updateOne({ name: 'Giang', city: 'Cần Thơ' }, { $setOnInsert: { tags: ['x'] } }, { upsert: true });
    expect(again).toMatchObject({ matchedCount: 1, upsertedCount: 0 });
  });

  it('replaces, deletes one or many, and counts', async () => {
    await people.replaceOne({ _id: 2 }, { name: 'Bình mới' });
    expect(await people.findOne({ _id: 2 })).toEqual({ _id: 2, name: 'Bình mới' });
    expect((await people.deleteOne({ city: 'Hà Nội' })).deletedCount).toBe(1);
    expect((await people.deleteMany({ age: { $gt: 0 } })).deletedCount).toBe(2);
    expect(await people.estimatedDocumentCount()).toBe(1);
  });

  it('refuses two operators on the same path in one update, as MongoDB does (code 40)', async () => {
    await expect(people.updateOne({ _id: 1 }, { $push: { tags: 'a' }, $addToSet: { tags: 'b' } })).rejects.toMatchObject({
      code: 40,
    });
  });

  it('finds and modifies atomically with sort, projection, upsert and returnDocument', async () => {
    const before = await people.findOneAndUpdate({ city: 'Hà Nội' }, { $inc: { age: 1 } }, { sort: { age: -1 } });
    expect(before).toMatchObject({ _id: 3, age: 35 });
    const after = await people.findOneAndUpdate(
      { _id: 3 },
      { $inc: { age: 1 } },
      { returnDocument: 'after', projection: { age: 1 } },
    );
    expect(after).toEqual({ _id: 3, age: 37 });
    const created = await people.findOneAndUpdate({ _id: 50 }, { $set: { name: 'Hà' } }, { upsert: true, returnDocument: 'after' });
    expect(created).toEqual({ _id: 50, name: 'Hà' });
    expect(await people.findOneAndDelete({ _id: 50 })).toEqual({ _id: 50, name: 'Hà' });
    expect(await people.findOneAndReplace({ _id: 4 }, { name: 'D' }, { returnDocument: 'after' })).toEqual({ _id: 4, name: 'D' });
  });

  it('gives distinct values, unwinding arrays', async () => {
    expect((await people.distinct('tags')).sort()).toEqual(['go', 'k8s', 'react']);
    expect((await people.distinct('city', { age: { $lt: 40 } })).sort()).toEqual(['Hà Nội', 'Đà Nẵng']);
  });

  it('reports per-document errors in ordered and unordered bulk writes', async () => {
    const ordered = people.bulkWrite([
      { insertOne: { document: { _id: 10, name: 'x' } } },
      { insertOne: { document: { _id: 1, name: 'dup' } } },
      { insertOne: { document: { _id: 11, name: 'never' } } },
    ]);
    await expect(ordered).rejects.toBeInstanceOf(MongoBulkWriteError);
    expect(await people.countDocuments({ _id: { $in: [10, 11] } })).toBe(1);
    const unordered = await people
      .insertMany([{ _id: 1, name: 'dup' }, { _id: 12, name: 'ok' }], { ordered: false })
      .catch((e: MongoBulkWriteError) => e);
    expect(unordered).toBeInstanceOf(MongoBulkWriteError);
    expect((unordered as MongoBulkWriteError).insertedCount).toBe(1);
    expect((unordered as MongoBulkWriteError).writeErrors).toMatchObject([{ index: 0, code: 11000 }]);
  });
});
