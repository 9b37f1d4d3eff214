import { MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestMongo, REAL_MONGO, type TestMongo } from '../../support/test-mongo.js';

describe('MongoDB conformance: administration and errors', () => {
  let mongo: TestMongo;
  beforeAll(async () => {
    mongo = await openTestMongo();
    await mongo.db.collection('things').insertOne({ _id: 1 as never, name: 'x', count: 1 });
  });
  afterAll(async () => {
    await mongo.close();
  });

  it('answers the handshake and basic admin commands', async () => {
    const hello = await mongo.db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, ok: 1 });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
    expect((await mongo.db.admin().ping()).ok).toBe(1);
    const build = await mongo.db.admin().buildInfo();
    expect(build.version).toMatch(/^\d+\.\d+/);
    const dbs = await mongo.db.admin().listDatabases({ nameOnly: true });
    expect(dbs.databases.map((d) => d.name)).toContain(mongo.db.databaseName);
  });

  it('creates, lists and drops collections', async () => {
    await mongo.db.createCollection('made');
    const names = (await mongo.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['made', 'things']));
    expect(await mongo.db.collection('made').drop()).toBe(true);
    expect((await mongo.db.listCollections({ name: 'made' }).toArray()).length).toBe(0);
  });

  it('answers an unknown command with code 59 CommandNotFound', async () => {
    const error = (await mongo.db.command({ frobnicate: 1 }).catch((e: unknown) => e)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
  });

  it('refuses an unknown update operator (code 9), $inc on a string (14) and changing _id (66)', async () => {
    const things = mongo.db.collection('things');
    await expect(things.updateOne({ _id: 1 as never }, { $frob: { a: 1 } } as never)).rejects.toMatchObject({ code: 9 });
    await expect(things.updateOne({ _id: 1 as never }, { $inc: { name: 1 } })).rejects.toMatchObject({ code: 14 });
    await expect(things.updateOne({ _id: 1 as never }, { $set: { _id: 2 } } as never)).rejects.toMatchObject({ code: 66 });
    expect(await things.findOne({ _id: 1 as never })).toEqual({ _id: 1, name: 'x', count: 1 });
  });

  it('refuses an invalid collection name (code 73)', async () => {
    await expect(mongo.db.collection('bad$name').insertOne({ a: 1 })).rejects.toMatchObject({ code: 73 });
  });

  it('refuses a document over 16 MiB, writing nothing', async () => {
    const big = mongo.db.collection('big');
    await expect(big.insertOne({ blob: 'x'.repeat(17 * 1024 * 1024) })).rejects.toThrow();
    expect(await big.countDocuments()).toBe(0);
  });

  // A standalone server refuses transactions; a real replica set would accept them.
  it.skipIf(REAL_MONGO)('refuses transactions like a standalone mongod', async () => {
    const session = mongo.client.startSession();
    try {
      const attempt = session.withTransaction(async () => {
        await mongo.db.collection('things').insertOne({ name: 'in txn' }, { session });
      });
      await expect(attempt).rejects.toThrow();
      expect(await mongo.db.collection('things').countDocuments({ name: 'in txn' })).toBe(0);
    } finally {
      await session.endSession();
    }
  });
});
