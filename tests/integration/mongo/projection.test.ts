import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestMongo } from '../../support/mongo.js';

describe('MongoDB projections', () => {
  const mongo = useTestMongo();

  it('returns only _id for {_id: 1}, as Model.exists() asks', async () => {
    const coll = mongo.db.collection('only_id');
    await coll.insertOne({ _id: 1 as never, name: 'Lan', city: 'Hue' });
    expect(await coll.findOne({ _id: 1 as never }, { projection: { _id: 1 } })).toEqual({ _id: 1 });
    expect(await coll.findOne({ _id: 1 as never }, { projection: { _id: 0 } })).toEqual({ name: 'Lan', city: 'Hue' });
  });

  it('answers mongoose Model.exists() with the _id alone', async () => {
    const conn = await mongo.mongoose();
    const Person = conn.model('Person', new Schema({ name: String, bio: String }));
    const created = await Person.create({ name: 'Minh', bio: 'x'.repeat(100) });
    const found = await Person.exists({ name: 'Minh' });
    expect(found).toEqual({ _id: created._id });
  });
});
