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

describe('MongoDB $elemMatch projections', () => {
  const mongo = useTestMongo();

  it('returns the first element matching an operator-only condition on scalars, or drops the field', async () => {
    const coll = mongo.db.collection('elem_scalars');
    await coll.insertMany([{ _id: 1 as never, name: 'Lan', scores: [2, 7, 9] }, { _id: 2 as never, name: 'Minh', scores: [1] }]);
    const found = await coll.find({}, { projection: { scores: { $elemMatch: { $gte: 5 } } }, sort: { _id: 1 } }).toArray();
    expect(found).toEqual([{ _id: 1, scores: [7] }, { _id: 2 }]);
    const withIn = await coll.findOne({ _id: 1 as never }, { projection: { name: 1, scores: { $elemMatch: { $in: [9, 2] } } } });
    expect(withIn).toEqual({ _id: 1, name: 'Lan', scores: [2] });
  });

  it('matches document elements by a query, keeping the included fields before it', async () => {
    const coll = mongo.db.collection('elem_docs');
    await coll.insertOne({ _id: 1 as never, note: 'x', langs: [{ l: 'vi', lvl: 5 }, { l: 'en', lvl: 3 }, { l: 'en', lvl: 4 }] });
    const found = await coll.findOne({}, { projection: { _id: 0, langs: { $elemMatch: { l: 'en', lvl: { $gte: 4 } } }, note: 1 } });
    expect(found).toEqual({ note: 'x', langs: [{ l: 'en', lvl: 4 }] });
    expect(Object.keys(found ?? {})).toEqual(['note', 'langs']);
  });
});
