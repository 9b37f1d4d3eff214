import { MongoBulkWriteError, ObjectId, type CommandStartedEvent, type CommandSucceededEvent, type Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { rejectionOf, serverErrorOf, useTestMongo } from '../../support/mongo.js';

interface Item { _id: number; name: string; n: number; tags?: string[] }

describe('MongoDB CRUD: inserts and finds', () => {
  const mongo = useTestMongo();

  it('assigns an ObjectId _id on insertOne and finds the document by it', async () => {
    const coll = mongo.db.collection('one');
    const { acknowledged, insertedId } = await coll.insertOne({ name: 'Lan' });
    expect(acknowledged).toBe(true);
    expect(insertedId).toBeInstanceOf(ObjectId);
    expect(await coll.findOne({ _id: insertedId })).toEqual({ _id: insertedId, name: 'Lan' });
  });

  it('refuses a second document with the same _id (11000) and keeps the first', async () => {
    const coll = mongo.db.collection<Item>('dupid');
    await coll.insertOne({ _id: 1, name: 'a', n: 1 });
    const error = await serverErrorOf(coll.insertOne({ _id: 1, name: 'b', n: 2 }));
    expect(error.code).toBe(11000);
    expect(error.message).toContain('index: _id_ dup key: { _id: 1 }');
    expect(await coll.find().toArray()).toEqual([{ _id: 1, name: 'a', n: 1 }]);
  });

  it('stops an ordered insertMany at the first write error and reports what got in', async () => {
    const coll = mongo.db.collection<Item>('ordered');
    const docs = [1, 2, 2, 3].map((i) => ({ _id: i, name: `n${i}`, n: i }));
    const error = await rejectionOf(coll.insertMany(docs));
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    expect(bulk.insertedCount).toBe(2);
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([[2, 11000]]);
    expect((await coll.find().toArray()).map((d) => d._id)).toEqual([1, 2]);
  });

  it('continues an unordered insertMany past write errors and reports each', async () => {
    const coll = mongo.db.collection<Item>('unordered');
    const docs = [1, 1, 2, 2, 3].map((i) => ({ _id: i, name: `n${i}`, n: i }));
    const bulk = (await rejectionOf(coll.insertMany(docs, { ordered: false }))) as MongoBulkWriteError;
    expect(bulk).toBeInstanceOf(MongoBulkWriteError);
    expect(bulk.insertedCount).toBe(3);
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([[1, 11000], [3, 11000]]);
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 3]);
  });

  it('finds with a filter, projection, sort, skip and limit', async () => {
    const coll = mongo.db.collection<Item>('shop');
    await coll.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, name: `item${i}`, n: i % 5, tags: i % 2 ? ['odd'] : ['even'] })));
    const page = await coll
      .find({ n: { $gte: 2 } }, { projection: { name: 1, n: 1 } })
      .sort({ n: -1, _id: 1 })
      .skip(2)
      .limit(3)
      .toArray();
    expect(page).toEqual([
      { _id: 14, name: 'item14', n: 4 },
      { _id: 19, name: 'item19', n: 4 },
      { _id: 3, name: 'item3', n: 3 },
    ]);
    const excluded = await coll.findOne({ _id: 7 }, { projection: { tags: 0, name: 0 } });
    expect(excluded).toEqual({ _id: 7, n: 2 });
    const noId = await coll.findOne({ _id: 7 }, { projection: { _id: 0, name: 1 } });
    expect(noId).toEqual({ name: 'item7' });
  });

  it('refuses an exclusion inside an inclusion projection and the reverse (codes 31254 and 31253)', async () => {
    const coll = mongo.db.collection<Item>('shop');
    const error = await serverErrorOf(coll.findOne({}, { projection: { name: 1, n: 0 } }));
    expect(error.code).toBe(31254);
    expect(error.message).toContain('Cannot do exclusion on field n in inclusion projection');
    const reverse = await serverErrorOf(coll.findOne({}, { projection: { n: 0, name: 1 } }));
    expect(reverse.code).toBe(31253);
    expect(reverse.message).toContain('Cannot do inclusion on field name in exclusion projection');
  });

  it('returns null from findOne and [] from find when nothing matches', async () => {
    const coll = mongo.db.collection<Item>('shop');
    expect(await coll.findOne({ name: 'nope' })).toBeNull();
    expect(await coll.find({ name: 'nope' }).toArray()).toEqual([]);
  });

  it('iterates 250 documents in batches of 10 through getMore', async () => {
    const client = await mongo.connect({ monitorCommands: true });
    const coll = client.db(mongo.db.databaseName).collection<{ _id: number }>('batched');
    await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i })));
    const started: CommandStartedEvent[] = [];
    const replies: CommandSucceededEvent[] = [];
    client.on('commandStarted', (e) => started.push(e));
    client.on('commandSucceeded', (e) => replies.push(e));

    const seen: number[] = [];
    for await (const doc of coll.find({}, { batchSize: 10 }).sort({ _id: 1 })) seen.push(doc._id);

    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const getMores = started.filter((e) => e.commandName === 'getMore');
    // 240 documents after the first batch: 24 full batches, plus possibly an empty last one.
    expect(getMores.length).toBeGreaterThanOrEqual(24);
    expect(getMores.length).toBeLessThanOrEqual(25);
    for (const reply of replies) {
      const cursor = (reply.reply as Document).cursor as { firstBatch?: unknown[]; nextBatch?: unknown[] } | undefined;
      const batch = cursor?.firstBatch ?? cursor?.nextBatch;
      if (batch) expect(batch.length).toBeLessThanOrEqual(10);
    }
    expect(started.filter((e) => e.commandName === 'killCursors')).toEqual([]);
  });

  it('kills a cursor closed early; a later getMore on it fails with 43 CursorNotFound', async () => {
    const client = await mongo.connect({ monitorCommands: true });
    const db = client.db(mongo.db.databaseName);
    const coll = db.collection<{ _id: number }>('killed');
    await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i })));
    const killed: Document[] = [];
    client.on('commandSucceeded', (e) => {
      if (e.commandName === 'killCursors') killed.push(e.reply as Document);
    });

    const cursor = coll.find({}, { batchSize: 5 });
    expect((await cursor.next())?._id).toBe(0);
    const id = cursor.id;
    expect(id).toBeDefined();
    expect(id?.isZero()).toBe(false);
    await cursor.close();

    expect(killed).toHaveLength(1);
    expect((killed[0]?.cursorsKilled as unknown[]).map(String)).toEqual([String(id)]);
    const error = await serverErrorOf(db.command({ getMore: id, collection: 'killed' }));
    expect(error.code).toBe(43);
    expect(error.codeName).toBe('CursorNotFound');
  });

  it('returns a cursor id of 0 when the first batch holds everything', async () => {
    const db = mongo.db;
    await db.collection('small').insertMany([{ a: 1 }, { a: 2 }]);
    const reply = await db.command({ find: 'small', filter: {} });
    expect(reply.cursor.firstBatch).toHaveLength(2);
    expect(Number(reply.cursor.id)).toBe(0);
    expect(reply.cursor.ns).toBe(`${db.databaseName}.small`);
  });
});
