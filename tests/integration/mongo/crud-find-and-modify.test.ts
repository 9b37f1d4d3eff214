import { MongoBulkWriteError, ObjectId, type Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useTestMongo } from '../../support/mongo.js';

interface Task { _id: number; title: string; priority: number; status: string; tags?: string[] }

describe('MongoDB CRUD: findOneAnd*, counts, distinct and bulkWrite', () => {
  const mongo = useTestMongo();
  let counter = 0;
  async function tasks(): Promise<Collection<Task>> {
    counter += 1;
    const coll = mongo.db.collection<Task>(`tasks${counter}`);
    await coll.insertMany([
      { _id: 1, title: 'a', priority: 2, status: 'open', tags: ['x', 'y'] },
      { _id: 2, title: 'b', priority: 5, status: 'open', tags: ['y', 'z'] },
      { _id: 3, title: 'c', priority: 1, status: 'done', tags: ['x'] },
    ]);
    return coll;
  }

  it('findOneAndUpdate returns the document before the update by default', async () => {
    const coll = await tasks();
    const before = await coll.findOneAndUpdate({ _id: 1 }, { $set: { status: 'done' } });
    expect(before).toEqual({ _id: 1, title: 'a', priority: 2, status: 'open', tags: ['x', 'y'] });
    expect((await coll.findOne({ _id: 1 }))?.status).toBe('done');
  });

  it('findOneAndUpdate with returnDocument after, sort and projection picks and shapes the document', async () => {
    const coll = await tasks();
    const after = await coll.findOneAndUpdate(
      { status: 'open' },
      { $inc: { priority: 10 } },
      { sort: { priority: -1 }, returnDocument: 'after', projection: { _id: 1, priority: 1 } },
    );
    expect(after).toEqual({ _id: 2, priority: 15 });
  });

  it('findOneAndUpdate returns null when nothing matches, and upserts when asked', async () => {
    const coll = await tasks();
    expect(await coll.findOneAndUpdate({ _id: 99 }, { $set: { status: 'x' } })).toBeNull();
    expect(await coll.countDocuments({ _id: 99 })).toBe(0);
    expect(await coll.findOneAndUpdate({ _id: 99 }, { $set: { status: 'new' } }, { upsert: true })).toBeNull();
    const created = await coll.findOneAndUpdate({ _id: 100 }, { $set: { status: 'new' } }, { upsert: true, returnDocument: 'after' });
    expect(created).toEqual({ _id: 100, status: 'new' });
    expect(await coll.countDocuments({ status: 'new' })).toBe(2);
  });

  it('findOneAndUpdate with includeResultMetadata reports lastErrorObject', async () => {
    const coll = await tasks();
    const result = await coll.findOneAndUpdate({ _id: 7 }, { $set: { status: 'n' } }, { upsert: true, includeResultMetadata: true, returnDocument: 'after' });
    expect(result.ok).toBe(1);
    expect(result.value).toEqual({ _id: 7, status: 'n' });
    expect(result.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 7 });
  });

  it('findOneAndDelete removes the first document in sort order and returns it', async () => {
    const coll = await tasks();
    const removed = await coll.findOneAndDelete({ status: 'open' }, { sort: { priority: 1 }, projection: { title: 1 } });
    expect(removed).toEqual({ _id: 1, title: 'a' });
    expect((await coll.find().toArray()).map((t) => t._id).sort()).toEqual([2, 3]);
    expect(await coll.findOneAndDelete({ _id: 42 })).toBeNull();
  });

  it('findOneAndReplace replaces the whole document and returns either version', async () => {
    const coll = await tasks();
    const before = await coll.findOneAndReplace({ _id: 3 }, { title: 'C', priority: 9, status: 'open' });
    expect(before?.title).toBe('c');
    expect(await coll.findOne({ _id: 3 })).toEqual({ _id: 3, title: 'C', priority: 9, status: 'open' });
    const after = await coll.findOneAndReplace({ _id: 3 }, { title: 'D', priority: 0, status: 'x' }, { returnDocument: 'after' });
    expect(after).toEqual({ _id: 3, title: 'D', priority: 0, status: 'x' });
    const upserted = await coll.findOneAndReplace({ _id: 50 }, { title: 'E', priority: 1, status: 'o' }, { upsert: true, returnDocument: 'after' });
    expect(upserted).toEqual({ _id: 50, title: 'E', priority: 1, status: 'o' });
  });

  it('counts documents with a filter, skip and limit, and estimates the collection size', async () => {
    const coll = await tasks();
    expect(await coll.countDocuments()).toBe(3);
    expect(await coll.countDocuments({ status: 'open' })).toBe(2);
    expect(await coll.countDocuments({ priority: { $gt: 1 } }, { skip: 1 })).toBe(1);
    expect(await coll.countDocuments({}, { limit: 2 })).toBe(2);
    expect(await coll.estimatedDocumentCount()).toBe(3);
    expect(await mongo.db.collection('never-created').estimatedDocumentCount()).toBe(0);
    expect(await mongo.db.collection('never-created').countDocuments()).toBe(0);
  });

  it('returns distinct values, unwinding arrays and honouring a filter', async () => {
    const coll = await tasks();
    expect((await coll.distinct('status')).sort()).toEqual(['done', 'open']);
    expect((await coll.distinct('tags')).sort()).toEqual(['x', 'y', 'z']);
    expect((await coll.distinct('tags', { status: 'done' })).sort()).toEqual(['x']);
    expect(await coll.distinct('missing')).toEqual([]);
  });

  it('runs a mixed bulkWrite and reports every count', async () => {
    const coll = await tasks();
    const result = await coll.bulkWrite([
      { insertOne: { document: { _id: 10, title: 'n', priority: 0, status: 'open' } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { status: 'done' } } } },
      { updateMany: { filter: { status: 'open' }, update: { $inc: { priority: 1 } } } },
      { replaceOne: { filter: { _id: 3 }, replacement: { title: 'r', priority: 3, status: 'done' } } },
      { updateOne: { filter: { _id: 20 }, update: { $set: { title: 'u' } }, upsert: true } },
      { deleteOne: { filter: { _id: 2 } } },
      { deleteMany: { filter: { status: 'none' } } },
    ]);
    expect(result.insertedCount).toBe(1);
    expect(result.matchedCount).toBe(4);
    expect(result.modifiedCount).toBe(4);
    expect(result.deletedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedIds).toEqual({ 4: 20 });
    expect(result.insertedIds).toEqual({ 0: 10 });
    expect(await coll.find({}, { projection: { priority: 1 } }).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, priority: 2 },
      { _id: 3, priority: 3 },
      { _id: 10, priority: 1 },
      { _id: 20 },
    ]);
  });

  it('reports a failing operation in an ordered bulkWrite and skips the rest', async () => {
    const coll = await tasks();
    const error = (await rejectionOf(
      coll.bulkWrite([
        { insertOne: { document: { _id: 11, title: 'n', priority: 0, status: 'open' } } },
        { insertOne: { document: { _id: 1, title: 'dup', priority: 0, status: 'open' } } },
        { deleteOne: { filter: { _id: 2 } } },
      ]),
    )) as MongoBulkWriteError;
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    expect(error.code).toBe(11000);
    expect(error.insertedCount).toBe(1);
    expect(error.deletedCount).toBe(0);
    expect(await coll.countDocuments({ _id: 2 })).toBe(1);
  });

  it('generates distinct ObjectIds for documents inserted without _id', async () => {
    const coll = mongo.db.collection('ids');
    const { insertedIds, insertedCount } = await coll.insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(insertedCount).toBe(3);
    const ids = Object.values(insertedIds);
    expect(ids.every((id) => id instanceof ObjectId)).toBe(true);
    expect(new Set(ids.map(String)).size).toBe(3);
    expect(await coll.countDocuments({ _id: { $in: ids } })).toBe(3);
  });
});
