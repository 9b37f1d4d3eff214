import { MongoBulkWriteError, MongoServerError, type Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { rejectionOf, serverErrorOf, useTestMongo } from '../../support/mongo.js';

describe('MongoDB indexes and unique constraints', () => {
  const mongo = useTestMongo();
  let counter = 0;
  const fresh = (): Collection => {
    counter += 1;
    return mongo.db.collection(`idx${counter}`);
  };
  const dupPrefix = (coll: Collection, index: string): string =>
    `E11000 duplicate key error collection: ${mongo.db.databaseName}.${coll.collectionName} index: ${index} dup key:`;

  it('creates, lists and drops indexes under their generated names', async () => {
    const coll = fresh();
    expect(await coll.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    expect(await coll.createIndex({ city: 1, age: -1 })).toBe('city_1_age_-1');
    expect(await coll.createIndex({ nick: 1 }, { name: 'by_nick', sparse: true })).toBe('by_nick');
    // The same index again is a no-op that answers with its name.
    expect(await coll.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    const listed = await coll.listIndexes().toArray();
    expect(listed.map((i) => i.name)).toEqual(['_id_', 'email_1', 'city_1_age_-1', 'by_nick']);
    expect(listed[0]).toMatchObject({ v: 2, key: { _id: 1 }, name: '_id_' });
    expect(listed[1]).toMatchObject({ v: 2, key: { email: 1 }, name: 'email_1', unique: true });
    expect(listed[2]).toMatchObject({ key: { city: 1, age: -1 } });
    expect(listed[3]).toMatchObject({ key: { nick: 1 }, sparse: true });
    expect(await coll.indexExists('city_1_age_-1')).toBe(true);
    await coll.dropIndex('city_1_age_-1');
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'email_1', 'by_nick']);
  });

  it('keeps unique and compound indexes true through updates that change their fields and updates that do not', async () => {
    const coll = fresh();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.createIndex({ status: 1, at: 1 });
    await coll.createIndex({ 'profile.city': 1 });
    const at = new Date('2026-01-01T00:00:00Z');
    await coll.insertMany([
      { _id: 1 as never, email: 'a@x.vn', status: 'pending', at, profile: { city: 'Hue' }, n: 0 },
      { _id: 2 as never, email: 'b@x.vn', status: 'pending', at, profile: { city: 'Hanoi' }, n: 0 },
    ]);
    // Fields no index reads.
    await coll.updateOne({ _id: 1 as never }, { $inc: { n: 1 }, $set: { note: 'x' } });
    expect((await coll.find({ status: 'pending', at }).hint('status_1_at_1').toArray()).map((d) => d._id)).toEqual([1, 2]);
    expect((await coll.findOne({ email: 'a@x.vn' }))?.n).toBe(1);
    // A field one index reads: the others stay, that one moves.
    await coll.updateOne({ _id: 1 as never }, { $set: { status: 'sent' } });
    expect((await coll.find({ status: 'pending' }).hint('status_1_at_1').toArray()).map((d) => d._id)).toEqual([2]);
    expect((await coll.find({ status: 'sent', at }).hint('status_1_at_1').toArray()).map((d) => d._id)).toEqual([1]);
    await coll.updateOne({ _id: 2 as never }, { $set: { 'profile.city': 'Hue' } });
    expect((await coll.find({ 'profile.city': 'Hue' }).hint('profile.city_1').toArray()).map((d) => d._id)).toEqual([1, 2]);
    // The unique index still refuses a taken key, and frees a key given up.
    await expect(coll.updateOne({ _id: 2 as never }, { $set: { email: 'a@x.vn' } })).rejects.toMatchObject({ code: 11000 });
    await coll.updateOne({ _id: 1 as never }, { $set: { email: 'c@x.vn' } });
    await coll.updateOne({ _id: 2 as never }, { $set: { email: 'a@x.vn' } });
    expect((await coll.findOne({ email: 'a@x.vn' }))?._id).toBe(2);
  });

  it('refuses to drop a missing index (27 IndexNotFound) or the _id index (72 InvalidOptions)', async () => {
    const coll = fresh();
    await coll.insertOne({ a: 1 });
    const missing = await serverErrorOf(coll.dropIndex('nope_1'));
    expect(missing.code).toBe(27);
    expect(missing.codeName).toBe('IndexNotFound');
    const idIndex = await serverErrorOf(coll.dropIndex('_id_'));
    expect(idIndex.code).toBe(72);
  });

  it('refuses a conflicting definition: same name other keys (86), same keys other name (85)', async () => {
    const coll = fresh();
    await coll.createIndex({ a: 1 }, { name: 'mine' });
    const sameName = await serverErrorOf(coll.createIndex({ b: 1 }, { name: 'mine' }));
    expect(sameName.code).toBe(86);
    expect(sameName.codeName).toBe('IndexKeySpecsConflict');
    const sameKeys = await serverErrorOf(coll.createIndex({ a: 1 }, { name: 'other' }));
    expect(sameKeys.code).toBe(85);
    expect(sameKeys.codeName).toBe('IndexOptionsConflict');
  });

  it('reports a duplicate on insert with code, keyPattern, keyValue and the E11000 message', async () => {
    const coll = fresh();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'lan@example.vn' });
    const error = await serverErrorOf(coll.insertOne({ email: 'lan@example.vn' }));
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(error.keyValue).toEqual({ email: 'lan@example.vn' });
    expect(error.message).toBe(`${dupPrefix(coll, 'email_1')} { email: "lan@example.vn" }`);
    expect(await coll.countDocuments()).toBe(1);
  });

  it('reports a duplicate on update and on upsert, leaving documents unchanged', async () => {
    const coll = fresh();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertMany([{ _id: 1, email: 'a' }, { _id: 2, email: 'b' }] as never[]);
    const onUpdate = await serverErrorOf(coll.updateOne({ _id: 2 as never }, { $set: { email: 'a' } }));
    expect(onUpdate.code).toBe(11000);
    expect(onUpdate.keyValue).toEqual({ email: 'a' });
    expect(onUpdate.message.startsWith(dupPrefix(coll, 'email_1'))).toBe(true);
    const onUpsert = await serverErrorOf(coll.updateOne({ _id: 3 as never }, { $set: { email: 'b' } }, { upsert: true }));
    expect(onUpsert.code).toBe(11000);
    const onFindAndModify = await serverErrorOf(coll.findOneAndUpdate({ _id: 1 as never }, { $set: { email: 'b' } }));
    expect(onFindAndModify.code).toBe(11000);
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, email: 'a' }, { _id: 2, email: 'b' }]);
  });

  it('stops an ordered insertMany at the first duplicate; an unordered one inserts the rest', async () => {
    const coll = fresh();
    await coll.createIndex({ k: 1 }, { unique: true });
    const ordered = (await rejectionOf(coll.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]))) as MongoBulkWriteError;
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    expect(ordered.code).toBe(11000);
    expect(ordered.insertedCount).toBe(2);
    expect(await coll.countDocuments()).toBe(2);
    const unordered = (await rejectionOf(coll.insertMany([{ k: 2 }, { k: 4 }, { k: 4 }, { k: 5 }], { ordered: false }))) as MongoBulkWriteError;
    expect(unordered.insertedCount).toBe(2);
    const errors = Array.isArray(unordered.writeErrors) ? unordered.writeErrors : [unordered.writeErrors];
    expect(errors.map((e) => e.index)).toEqual([0, 2]);
    expect(errors[0]?.errmsg?.startsWith(dupPrefix(coll, 'k_1'))).toBe(true);
    expect((await coll.distinct('k')).sort()).toEqual([1, 2, 4, 5]);
  });

  it('enforces a compound unique index on the combination of values', async () => {
    const coll = fresh();
    await coll.createIndex({ firm: 1, user: 1 }, { unique: true });
    await coll.insertMany([{ firm: 'A', user: 1 }, { firm: 'A', user: 2 }, { firm: 'B', user: 1 }]);
    const error = await serverErrorOf(coll.insertOne({ firm: 'A', user: 2 }));
    expect(error.keyPattern).toEqual({ firm: 1, user: 1 });
    expect(error.keyValue).toEqual({ firm: 'A', user: 2 });
    expect(error.message).toBe(`${dupPrefix(coll, 'firm_1_user_1')} { firm: "A", user: 2 }`);
  });

  it('lets two documents without the field collide on a non-sparse unique index, but not on a sparse one', async () => {
    const plain = fresh();
    await plain.createIndex({ nick: 1 }, { unique: true });
    await plain.insertOne({ a: 1 });
    const error = await serverErrorOf(plain.insertOne({ a: 2 }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ nick: null });
    expect(error.message).toBe(`${dupPrefix(plain, 'nick_1')} { nick: null }`);

    const sparse = fresh();
    await sparse.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ a: 1 }, { a: 2 }, { nick: 'x' }]);
    await expect(sparse.insertOne({ nick: 'x' })).rejects.toMatchObject({ code: 11000 });
    expect(await sparse.countDocuments()).toBe(3);
  });

  it('enforces a partial unique index only on documents matching its filter, on insert, update and upsert', async () => {
    const coll = fresh();
    await coll.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { status: 'active' } });
    expect((await coll.listIndexes().toArray())[1]).toMatchObject({ partialFilterExpression: { status: 'active' } });
    await coll.insertMany([
      { _id: 1, email: 'a', status: 'active' },
      { _id: 2, email: 'a', status: 'gone' },
      { _id: 3, email: 'a', status: 'gone' },
    ] as never[]);
    await expect(coll.insertOne({ email: 'a', status: 'active' })).rejects.toMatchObject({ code: 11000 });
    await expect(coll.updateOne({ _id: 2 as never }, { $set: { status: 'active' } })).rejects.toMatchObject({ code: 11000 });
    await expect(coll.updateOne({ _id: 9 as never }, { $set: { email: 'a', status: 'active' } }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
    await coll.updateOne({ _id: 1 as never }, { $set: { status: 'gone' } });
    await coll.updateOne({ _id: 2 as never }, { $set: { status: 'active' } });
    expect(await coll.countDocuments({ status: 'active' })).toBe(1);
  });

  it('treats each array element as a key of a unique multikey index', async () => {
    const coll = fresh();
    await coll.createIndex({ tags: 1 }, { unique: true });
    await coll.insertOne({ tags: ['a', 'b', 'a'] });
    const error = await serverErrorOf(coll.insertOne({ tags: ['c', 'b'] }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ tags: 'b' });
  });

  it('fails to build a unique index over existing duplicates and leaves no index behind', async () => {
    const coll = fresh();
    await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]);
    const error = await rejectionOf(coll.createIndex({ k: 1 }, { unique: true }));
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect((error as MongoServerError).message).toContain(dupPrefix(coll, 'k_1'));
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    await coll.insertOne({ k: 2 });
    expect(await coll.countDocuments({ k: 2 })).toBe(2);
  });

  it('keeps uniqueness after the conflicting document is deleted, and frees the value', async () => {
    const coll = fresh();
    await coll.createIndex({ code: 1 }, { unique: true });
    await coll.insertOne({ code: 'x' });
    await coll.deleteOne({ code: 'x' });
    await coll.insertOne({ code: 'x' });
    await expect(coll.insertOne({ code: 'x' })).rejects.toMatchObject({ code: 11000 });
  });
});
