import type { MongoBulkWriteError} from 'mongodb';
import { MongoServerError, type Collection, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestMongo, REAL_MONGO, type TestMongo } from '../../support/test-mongo.js';

async function duplicateError(write: Promise<unknown>): Promise<MongoServerError> {
  const error = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

describe('MongoDB conformance: indexes', () => {
  let mongo: TestMongo;
  let n = 0;
  const fresh = <T extends Document>() => mongo.db.collection<T>(`c${(n += 1)}`);
  beforeAll(async () => {
    mongo = await openTestMongo({ ttlSweepIntervalMs: 200 });
  });
  afterAll(async () => {
    await mongo.close();
  });

  it('enforces a unique index with MongoDB’s E11000 error shape', async () => {
    const users = fresh<{ email: string }>();
    const name = await users.createIndex({ email: 1 }, { unique: true });
    expect(name).toBe('email_1');
    await users.insertOne({ email: 'an@example.vn' });
    const error = await duplicateError(users.insertOne({ email: 'an@example.vn' }));
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(error.keyValue).toEqual({ email: 'an@example.vn' });
    expect(error.message).toMatch(
      new RegExp(`^E11000 duplicate key error collection: ${mongo.db.databaseName}\\.${users.collectionName} index: email_1 dup key: \\{ email: "an@example\\.vn" \\}`),
    );
  });

  it('enforces it on update and upsert too, leaving the documents unchanged', async () => {
    const users = fresh<{ email: string; n?: number }>();
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([{ email: 'a' }, { email: 'b' }]);
    expect((await duplicateError(users.updateOne({ email: 'b' }, { $set: { email: 'a' } }))).code).toBe(11000);
    expect((await duplicateError(users.updateOne({ n: 1 }, { $set: { email: 'a' } }, { upsert: true }))).code).toBe(11000);
    expect((await users.find({}, { projection: { _id: 0 } }).sort({ email: 1 }).toArray())).toEqual([{ email: 'a' }, { email: 'b' }]);
  });

  it('enforces compound, sparse and partial unique indexes by their own rules', async () => {
    const c = fresh<{ a?: number; b?: number; kind?: string }>();
    await c.createIndex({ a: 1, b: 1 }, { unique: true });
    await c.insertMany([{ a: 1, b: 1 }, { a: 1, b: 2 }]);
    expect((await duplicateError(c.insertOne({ a: 1, b: 1 }))).keyPattern).toEqual({ a: 1, b: 1 });

    const sparse = fresh<{ x?: number }>();
    await sparse.createIndex({ x: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{}, {}]); // missing fields are not indexed by a sparse index
    await sparse.insertOne({ x: 1 });
    await duplicateError(sparse.insertOne({ x: 1 }));

    const partial = fresh<{ email: string; active: boolean }>();
    await partial.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await partial.insertMany([
      { email: 'a', active: false },
      { email: 'a', active: false },
      { email: 'a', active: true },
    ]);
    await duplicateError(partial.insertOne({ email: 'a', active: true }));
  });

  it('lets two documents without the field collide on a non-sparse unique index (both index null)', async () => {
    const c = fresh<{ code?: string }>();
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertOne({});
    expect((await duplicateError(c.insertOne({}))).keyValue).toEqual({ code: null });
  });

  it('stops an ordered insertMany at the first duplicate; an unordered one continues', async () => {
    const c = fresh<{ k: number }>();
    await c.createIndex({ k: 1 }, { unique: true });
    const ordered = (await c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]).catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(ordered.insertedCount).toBe(1);
    expect(await c.countDocuments()).toBe(1);
    const unordered = (await c.insertMany([{ k: 1 }, { k: 3 }, { k: 4 }], { ordered: false }).catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(unordered.insertedCount).toBe(2);
    expect(await c.countDocuments()).toBe(3);
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = fresh<{ k: number }>();
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    expect((await duplicateError(c.createIndex({ k: 1 }, { unique: true }))).code).toBe(11000);
  });

  it('lists and drops indexes by name', async () => {
    const c = fresh<{ a: number }>();
    await c.createIndex({ a: -1 });
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_-1']);
    await c.dropIndex('a_-1');
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    await expect(c.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
  });

  // MongoDB's TTL monitor runs once a minute; only the embedded server's sweep can be sped up for a test.
  it.skipIf(REAL_MONGO)('expires documents through a TTL index', async () => {
    const sessions: Collection<{ at: Date; keep?: boolean }> = fresh();
    await sessions.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    await sessions.insertMany([{ at: new Date(Date.now() - 5000) }, { at: new Date(Date.now() + 60_000), keep: true }]);
    const deadline = Date.now() + 5000;
    while ((await sessions.countDocuments()) > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await sessions.find({}, { projection: { _id: 0, keep: 1 } }).toArray()).toEqual([{ keep: true }]);
  });
});
