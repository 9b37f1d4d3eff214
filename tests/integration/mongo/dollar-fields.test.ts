import { DBRef, ObjectId } from 'mongodb';
import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestMongo } from '../../support/mongo.js';

describe('MongoDB $-prefixed field names', () => {
  const mongo = useTestMongo();

  it('stores $-prefixed fields from an upsert that inserts, top-level and nested', async () => {
    const coll = mongo.db.collection('dollar_upsert');
    const result = await coll.updateOne({ _id: 1 as never }, { $set: { $price: 50, 'box.$inc': true, plain: 1 } }, { upsert: true });
    expect(result.upsertedCount).toBe(1);
    expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, $price: 50, box: { $inc: true }, plain: 1 });
  });

  it('upserts mongoose schema paths named like update operators', async () => {
    const conn = await mongo.mongoose();
    const Account = conn.model('Account', new Schema({ $label: String, $each: { count: Number } }));
    const _id = new ObjectId();
    await Account.updateOne({ _id }, { $label: 'main', $each: { count: '42' } }, { upsert: true });
    const account = await Account.findById(_id).lean();
    expect(account?.$label).toBe('main');
    expect(account?.$each?.count).toBe(42);
  });

  it('finds DBRefs by $id through a dotted path and $elemMatch, and returns them as DBRefs', async () => {
    const coll = mongo.db.collection('dbrefs');
    const [a, b] = [new ObjectId(), new ObjectId()];
    await coll.insertMany([
      { _id: 1 as never, owner: new DBRef('users', a), members: [new DBRef('users', a, 'app'), new DBRef('users', b, 'app')] },
      { _id: 2 as never, owner: new DBRef('users', b), members: [new DBRef('users', b, 'app')] },
    ]);
    const ids = async (filter: Record<string, unknown>) => (await coll.find(filter).toArray()).map((d) => d._id);
    expect(await ids({ 'owner.$id': a })).toEqual([1]);
    expect(await ids({ members: { $elemMatch: { $id: a } } })).toEqual([1]);
    expect(await ids({ members: { $elemMatch: { $id: b, $ref: 'users' } } })).toEqual([1, 2]);
    expect(await ids({ owner: new DBRef('users', b) })).toEqual([2]);
    const first = await coll.findOne({ _id: 1 as never });
    expect(first?.owner).toBeInstanceOf(DBRef);
    expect((first?.members as DBRef[])[1]?.oid.equals(b)).toBe(true);
    expect((first?.members as DBRef[])[1]?.db).toBe('app');
  });

  it('casts a mongoose $elemMatch on $id of an array of DBRef-shaped subdocuments', async () => {
    const conn = await mongo.mongoose();
    const Chat = conn.model('Chat', new Schema({ members: [{ $ref: String, $id: Schema.Types.ObjectId, $db: String }] }));
    const id = new ObjectId();
    await Chat.create({ members: [{ $ref: 'users', $id: id, $db: 'app' }] });
    expect(await Chat.countDocuments({ members: { $elemMatch: { $id: id.toHexString() } } })).toBe(1);
  });
});
