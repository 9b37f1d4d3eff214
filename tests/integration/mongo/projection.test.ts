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

describe('MongoDB $slice projections and projection kinds', () => {
  const mongo = useTestMongo();
  const seed = async (name: string) => {
    const coll = mongo.db.collection(name);
    await coll.insertOne({ _id: 1 as never, title: 'Hội An', secret: 'x', fans: [1, 2, 3, 4], sub: { list: ['a', 'b', 'c'], other: 1 } });
    return coll;
  };

  it('cuts an array and returns every other field when $slice stands alone', async () => {
    const coll = await seed('slice_alone');
    expect(await coll.findOne({}, { projection: { fans: { $slice: 2 } } })).toEqual({ _id: 1, title: 'Hội An', secret: 'x', fans: [1, 2], sub: { list: ['a', 'b', 'c'], other: 1 } });
    expect((await coll.findOne({}, { projection: { fans: { $slice: -1 } } }))?.fans).toEqual([4]);
    expect((await coll.findOne({}, { projection: { fans: { $slice: [1, 2] } } }))?.fans).toEqual([2, 3]);
    expect((await coll.findOne({}, { projection: { fans: { $slice: [-3, 2] } } }))?.fans).toEqual([2, 3]);
    expect((await coll.findOne({}, { projection: { 'sub.list': { $slice: 1 } } }))?.sub).toEqual({ list: ['a'], other: 1 });
  });

  it('leaves the stored arrays whole after sliced reads', async () => {
    const coll = await seed('slice_stored');
    await coll.findOne({}, { projection: { fans: { $slice: 1 } } });
    await coll.findOne({}, { projection: { 'sub.list': { $slice: 1 }, title: 0 } });
    const whole = await coll.findOne({});
    expect(whole?.fans).toEqual([1, 2, 3, 4]);
    expect(whole?.sub).toEqual({ list: ['a', 'b', 'c'], other: 1 });
  });

  it('combines $slice with an exclusion or an inclusion', async () => {
    const coll = await seed('slice_mixed');
    expect(await coll.findOne({}, { projection: { fans: { $slice: 1 }, secret: 0, sub: 0 } })).toEqual({ _id: 1, title: 'Hội An', fans: [1] });
    expect(await coll.findOne({}, { projection: { fans: { $slice: [0, 5] }, title: 1 } })).toEqual({ _id: 1, title: 'Hội An', fans: [1, 2, 3, 4] });
    expect(await coll.findOne({}, { projection: { _id: 0, fans: { $slice: 1 } } })).toEqual({ title: 'Hội An', secret: 'x', fans: [1], sub: { list: ['a', 'b', 'c'], other: 1 } });
  });

  it('slices an array while mongoose hides a select: false field and populates another', async () => {
    const conn = await mongo.mongoose();
    const User = conn.model('User', new Schema({ name: String }));
    const Post = conn.model('Post', new Schema({ title: String, hidden: { type: String, select: false }, author: { type: Schema.Types.ObjectId, ref: 'User' }, fans: [{ type: Schema.Types.ObjectId, ref: 'User' }] }));
    const lan = await User.create({ name: 'Lan' });
    const minh = await User.create({ name: 'Minh' });
    await Post.create({ title: 'Đà Lạt', hidden: 'h', author: lan._id, fans: [lan._id, minh._id] });
    const post = await Post.findOne({}).slice('fans', [1, 5]).populate('author').populate('fans');
    expect(post?.title).toBe('Đà Lạt');
    expect(post?.hidden).toBeUndefined();
    expect((post?.author as unknown as { name: string }).name).toBe('Lan');
    expect((post?.fans as unknown as Array<{ name: string }>).map((f) => f.name)).toEqual(['Minh']);
  });

  it('refuses an exclusion inside an inclusion (31254) and an inclusion inside an exclusion (31253), also on dotted paths', async () => {
    const coll = await seed('kinds');
    const failure = async (projection: Record<string, unknown>) => {
      const error = (await coll.findOne({}, { projection }).catch((e: unknown) => e)) as { code?: number; message?: string };
      return [error.code, error.message];
    };
    expect(await failure({ title: 1, 'sub.other': 0 })).toEqual([31254, 'Cannot do exclusion on field sub.other in inclusion projection']);
    expect(await failure({ 'sub.list': 0, title: 1 })).toEqual([31253, 'Cannot do inclusion on field title in exclusion projection']);
    expect(await failure({ secret: 0, sub: { other: 1 } })).toEqual([31253, 'Cannot do inclusion on field sub.other in exclusion projection']);
    // _id may be either, and a nested _id is an ordinary field.
    expect(await coll.findOne({}, { projection: { 'sub.other': 1, _id: 0 } })).toEqual({ sub: { other: 1 } });
    expect(await coll.findOne({}, { projection: { 'sub.list': 0, secret: 0, fans: 0, _id: 1 } })).toEqual({ _id: 1, title: 'Hội An', sub: { other: 1 } });
  });
});
