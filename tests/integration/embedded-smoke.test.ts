import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { MongoClient, MongoServerError, ObjectId } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/db/embedded/index.js';

describe('embedded MongoDB server (smoke)', () => {
  let server: EmbeddedMongo;
  let client: MongoClient;
  const dbName = `smoke_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    server = await startEmbeddedMongo();
    client = await new MongoClient(server.uri, { serverSelectionTimeoutMS: 2000 }).connect();
  });

  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('inserts and finds documents through the official driver', async () => {
    const users = client.db(dbName).collection('users');
    const { insertedId } = await users.insertOne({ name: 'Lan', city: 'Da Nang' });
    expect(insertedId).toBeInstanceOf(ObjectId);
    const found = await users.findOne({ _id: insertedId });
    expect(found).toMatchObject({ name: 'Lan', city: 'Da Nang' });
  });

  it('pages through more than one batch with getMore', async () => {
    const items = client.db(dbName).collection('items');
    await items.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const all = await items.find({}, { batchSize: 30 }).sort({ i: -1 }).toArray();
    expect(all).toHaveLength(250);
    expect(all[0]?.i).toBe(249);
  });

  it('refuses a second document with the same unique email (E11000)', async () => {
    const people = client.db(dbName).collection('people');
    await people.createIndex({ email: 1 }, { unique: true });
    await people.insertOne({ email: 'a@b.c' });
    const error = await people.insertOne({ email: 'a@b.c' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect((error as MongoServerError).message).toContain(`E11000 duplicate key error collection: ${dbName}.people index: email_1 dup key: { email: "a@b.c" }`);
  });

  it('works with mongoose models', async () => {
    const conn = await mongoose.createConnection(`${server.uri}${dbName}`).asPromise();
    try {
      const Thread = conn.model('Thread', new mongoose.Schema({ title: { type: String, unique: true }, views: Number }));
      await Thread.init();
      await Thread.create({ title: 'Hello', views: 1 });
      await Thread.updateOne({ title: 'Hello' }, { $inc: { views: 2 } });
      const thread = await Thread.findOne({ title: 'Hello' }).lean();
      expect(thread?.views).toBe(3);
      await expect(Thread.create({ title: 'Hello' })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await conn.close();
    }
  });

  it('closes a connection that sends garbage and keeps serving others', async () => {
    const closed = await new Promise<boolean>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        const garbage = Buffer.alloc(32, 0xff);
        garbage.writeInt32LE(32, 0);
        socket.write(garbage);
      });
      socket.on('close', () => resolve(true));
      socket.on('error', () => undefined);
      setTimeout(() => resolve(false), 2000);
    });
    expect(closed).toBe(true);
    await expect(client.db(dbName).command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });
});

describe('embedded MongoDB server with a data directory (smoke)', () => {
  it('keeps documents and unique indexes across a restart', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = await mkdtemp(join(tmpdir(), 'embedded-mongo-'));
    try {
      let server = await startEmbeddedMongo({ dataDir });
      let client = await new MongoClient(server.uri).connect();
      const coll = () => client.db('persist').collection('people');
      await coll().createIndex({ email: 1 }, { unique: true });
      await coll().insertMany([{ email: 'a@b.c', n: 1 }, { email: 'd@e.f', n: 2 }]);
      await coll().updateOne({ email: 'a@b.c' }, { $inc: { n: 10 } });
      await coll().deleteOne({ email: 'd@e.f' });
      await client.close();
      await server.stop();

      server = await startEmbeddedMongo({ dataDir });
      client = await new MongoClient(server.uri).connect();
      try {
        expect(await coll().find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ email: 'a@b.c', n: 11 }]);
        await expect(coll().insertOne({ email: 'a@b.c' })).rejects.toMatchObject({ code: 11000 });
      } finally {
        await client.close();
        await server.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
