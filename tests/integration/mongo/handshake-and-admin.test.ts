import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { serverErrorOf, useTestMongo } from '../../support/mongo.js';

describe('MongoDB handshake and administration', () => {
  const mongo = useTestMongo();

  it('answers hello as a writable primary with the documented limits', async () => {
    const hello = await mongo.client.db('admin').command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(hello.minWireVersion).toBe(0);
    // MongoDB 7.0 speaks wire version 21, 8.0 speaks 25.
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(21);
    expect(hello.readOnly).toBe(false);
    expect(typeof hello.connectionId).toBe('number');
    expect(hello.logicalSessionTimeoutMinutes).toBe(30);
  });

  it('answers the legacy isMaster handshake too', async () => {
    const reply = await mongo.client.db('admin').command({ isMaster: 1 });
    expect(reply.ok).toBe(1);
    expect(reply.ismaster).toBe(true);
  });

  it('answers ping with ok: 1', async () => {
    expect(await mongo.client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await mongo.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('reports a 7.x or newer version in buildInfo', async () => {
    const info = await mongo.client.db('admin').admin().buildInfo();
    expect(info.ok).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Array.isArray(info.versionArray)).toBe(true);
    const [major, minor, patch] = info.versionArray as number[];
    expect(major).toBeGreaterThanOrEqual(7);
    expect(info.version.startsWith(`${major}.${minor}.${patch}`)).toBe(true);
    expect(info.maxBsonObjectSize).toBe(16 * 1024 * 1024);
  });

  it('lists a database once it holds data, and no longer after dropDatabase', async () => {
    const db = mongo.freshDb();
    const listed = async (): Promise<string[]> => (await mongo.client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name);
    expect(await listed()).not.toContain(db.databaseName);
    await db.collection('c').insertOne({ a: 1 });
    expect(await listed()).toContain(db.databaseName);
    const full = await mongo.client.db('admin').admin().listDatabases();
    const entry = full.databases.find((d) => d.name === db.databaseName);
    expect(entry).toBeDefined();
    expect(entry?.empty).toBe(false);
    expect(typeof entry?.sizeOnDisk).toBe('number');
    expect(await db.dropDatabase()).toBe(true);
    expect(await listed()).not.toContain(db.databaseName);
    expect(await db.collection('c').countDocuments()).toBe(0);
  });

  it('lists collections with their type, options and _id index', async () => {
    const db = mongo.freshDb();
    await db.createCollection('made');
    await db.collection('implicit').insertOne({ a: 1 });
    const infos = await db.listCollections().toArray();
    expect(infos.map((c) => c.name).sort()).toEqual(['implicit', 'made']);
    const made = infos.find((c) => c.name === 'made');
    expect(made).toMatchObject({ name: 'made', type: 'collection', options: {}, info: { readOnly: false } });
    expect((made as { info?: { uuid?: unknown } }).info?.uuid).toBeDefined();
    expect((made as { idIndex?: unknown }).idIndex).toMatchObject({ key: { _id: 1 }, name: '_id_' });
    const names = await db.listCollections({}, { nameOnly: true }).toArray();
    expect(names).toEqual(expect.arrayContaining([{ name: 'made', type: 'collection' }]));
    const filtered = await db.listCollections({ name: 'implicit' }).toArray();
    expect(filtered.map((c) => c.name)).toEqual(['implicit']);
  });

  it('drops a collection and its documents', async () => {
    const db = mongo.freshDb();
    await db.collection('gone').insertMany([{ a: 1 }, { a: 2 }]);
    expect(await db.collection('gone').drop()).toBe(true);
    expect(await db.listCollections({ name: 'gone' }).toArray()).toEqual([]);
    expect(await db.collection('gone').countDocuments()).toBe(0);
  });

  it('refuses to create a collection that exists with other options (code 48 NamespaceExists)', async () => {
    const db = mongo.freshDb();
    await db.createCollection('dup');
    const error = await serverErrorOf(db.createCollection('dup', { capped: true, size: 4096 }));
    expect(error.code).toBe(48);
    expect(error.codeName).toBe('NamespaceExists');
  });

  it('answers an unknown command with code 59 CommandNotFound', async () => {
    const error = await serverErrorOf(mongo.db.command({ frobnicate: 1 }));
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
    expect(error.message).toContain("no such command: 'frobnicate'");
  });

  it('refuses a transaction on a standalone server (code 20 IllegalOperation) and writes nothing', async (ctx) => {
    const hello = await mongo.client.db('admin').command({ hello: 1 });
    // A replica set or mongos in MONGODB_URI runs transactions; only a standalone refuses them.
    if (hello.setName !== undefined || hello.msg === 'isdbgrid') ctx.skip();
    const coll = mongo.db.collection('txn');
    const session = mongo.client.startSession();
    try {
      const error = await serverErrorOf(
        session.withTransaction(async () => {
          await coll.insertOne({ _id: new ObjectId(), in: 'txn' }, { session });
        }),
      );
      // The driver rewraps mongod's code 20 into its own hint and keeps the server's answer as
      // originalError; that is what users of a standalone see.
      expect(error.message).toContain('does not support retryable writes');
      const original = (error as { originalError?: { code?: unknown; codeName?: unknown; message?: unknown } }).originalError;
      expect(original?.code).toBe(20);
      expect(original?.codeName).toBe('IllegalOperation');
      expect(original?.message).toBe('Transaction numbers are only allowed on a replica set member or mongos');
    } finally {
      await session.endSession();
    }
    expect(await coll.countDocuments({ in: 'txn' })).toBe(0);
  });

  it('accepts sessions without transactions for ordinary reads and writes', async () => {
    const coll = mongo.db.collection('sessions');
    const session = mongo.client.startSession();
    try {
      await coll.insertOne({ k: 1 }, { session });
      expect(await coll.findOne({ k: 1 }, { session, projection: { _id: 0 } })).toEqual({ k: 1 });
    } finally {
      await session.endSession();
    }
  });
});
