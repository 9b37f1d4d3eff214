import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../../src/db/embedded/index.js';
import { rejectionOf, serverErrorOf, USING_REAL_MONGO, useTestMongo } from '../../support/mongo.js';

const PERSON_SCHEMA = {
  $jsonSchema: {
    bsonType: 'object',
    required: ['name', 'age'],
    properties: {
      name: { bsonType: 'string', minLength: 2 },
      age: { bsonType: ['int', 'long', 'double'], minimum: 0, maximum: 150 },
      email: { bsonType: 'string', pattern: '^[^@]+@[^@]+$' },
      tags: { bsonType: 'array', items: { bsonType: 'string' } },
    },
  },
};

describe('MongoDB document validation ($jsonSchema validators)', () => {
  const mongo = useTestMongo();

  it('refuses inserts and updates that break the schema with 121, and keeps the stored data', async () => {
    await mongo.db.createCollection('people_strict', { validator: PERSON_SCHEMA });
    const people = mongo.db.collection('people_strict');
    await people.insertOne({ _id: 1 as never, name: 'Lan', age: 30, tags: ['go'] });
    for (const bad of [{ name: 'Minh' }, { name: 'M', age: 3 }, { name: 'Minh', age: -1 }, { name: 'Minh', age: '3' }, { name: 'Minh', age: 3, email: 'no-at' }, { name: 'Minh', age: 3, tags: [1] }]) {
      const error = await serverErrorOf(people.insertOne(bad));
      expect(error.code).toBe(121);
      expect(error.message).toBe('Document failed validation');
    }
    expect((await serverErrorOf(people.updateOne({ _id: 1 as never }, { $unset: { age: '' } }))).code).toBe(121);
    expect((await serverErrorOf(people.findOneAndUpdate({ _id: 1 as never }, { $set: { age: 200 } }))).code).toBe(121);
    expect((await serverErrorOf(people.updateOne({ _id: 9 as never }, { $set: { name: 'Upserted' } }, { upsert: true }))).code).toBe(121);
    expect(await people.find().toArray()).toEqual([{ _id: 1, name: 'Lan', age: 30, tags: ['go'] }]);
    // Valid writes and bypassDocumentValidation go through.
    await people.updateOne({ _id: 1 as never }, { $set: { age: 31 } });
    await people.insertOne({ _id: 2 as never, name: 'x' }, { bypassDocumentValidation: true });
    expect(await people.countDocuments()).toBe(2);
  });

  it('honours validationAction warn and validationLevel moderate and off, changed with collMod', async () => {
    await mongo.db.createCollection('people_levels');
    const people = mongo.db.collection('people_levels');
    await people.insertOne({ _id: 1 as never, name: 'x' }); // invalid once the validator exists
    await mongo.db.command({ collMod: 'people_levels', validator: PERSON_SCHEMA, validationLevel: 'moderate' });
    // moderate: an already-invalid document may still be updated; a valid one must stay valid.
    await people.updateOne({ _id: 1 as never }, { $set: { note: 'ok' } });
    await people.insertOne({ _id: 2 as never, name: 'Lan', age: 30 });
    expect((await serverErrorOf(people.updateOne({ _id: 2 as never }, { $set: { age: -5 } }))).code).toBe(121);

    await mongo.db.command({ collMod: 'people_levels', validationAction: 'warn' });
    await people.insertOne({ _id: 3 as never, name: 'y' });
    await mongo.db.command({ collMod: 'people_levels', validationAction: 'error', validationLevel: 'off' });
    await people.insertOne({ _id: 4 as never, name: 'z' });
    expect(await people.countDocuments()).toBe(4);

    const [info] = await mongo.db.listCollections({ name: 'people_levels' }).toArray();
    expect(info).toMatchObject({ options: { validator: PERSON_SCHEMA, validationLevel: 'off', validationAction: 'error' } });
  });

  it('reports a mongoose save that the collection validator refuses as a server error', async () => {
    const conn = await mongo.mongoose();
    await conn.db?.createCollection('notes', { validator: { $jsonSchema: { required: ['title'] } } });
    const Note = conn.model('Note', new Schema({ title: String, body: String }), 'notes');
    const error = await rejectionOf(Note.create({ body: 'no title' }));
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(121);
    expect(await Note.countDocuments()).toBe(0);
  });

  it.skipIf(USING_REAL_MONGO)('keeps a validator set by collMod after a restart on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mongo-validator-'));
    try {
      const first = await startEmbeddedMongo({ port: 0, dataDir });
      const writer = await MongoClient.connect(first.uri);
      await writer.db('v').createCollection('people');
      await writer.db('v').command({ collMod: 'people', validator: PERSON_SCHEMA });
      await writer.close();
      await first.stop();
      const again = await startEmbeddedMongo({ port: 0, dataDir });
      const reader = await MongoClient.connect(again.uri);
      try {
        expect((await serverErrorOf(reader.db('v').collection('people').insertOne({ name: 'no age' }))).code).toBe(121);
      } finally {
        await reader.close();
        await again.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
