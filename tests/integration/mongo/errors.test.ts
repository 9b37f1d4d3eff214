import { MongoServerError, type Collection } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, serverErrorOf, useTestMongo } from '../../support/mongo.js';

// Update errors come back as write errors, which carry code and errmsg but no codeName on mongod.
describe('MongoDB error answers', () => {
  const mongo = useTestMongo();
  let things: Collection;
  const ORIGINAL = { _id: 1, name: 'x', count: 1, tags: 'not-an-array', nested: 5 };
  const unchanged = async (): Promise<void> => {
    expect(await things.findOne({ _id: 1 as never })).toEqual(ORIGINAL);
  };

  beforeEach(async () => {
    things = mongo.db.collection('things');
    await things.deleteMany({});
    await things.insertOne({ ...ORIGINAL } as never);
  });

  it('refuses an unknown update operator with code 9 (FailedToParse)', async () => {
    const error = await serverErrorOf(things.updateOne({ _id: 1 as never }, { $foo: { a: 1 } } as never));
    expect(error.code).toBe(9);
    expect(error.message).toBe('Unknown modifier: $foo. Expected a valid update modifier or pipeline-style update specified as an array');
    await unchanged();
  });

  it('refuses $inc on a string with code 14 TypeMismatch', async () => {
    const error = await serverErrorOf(things.updateOne({ _id: 1 as never }, { $inc: { name: 1 } }));
    expect(error.code).toBe(14);
    expect(error.message).toContain('Cannot apply $inc to a value of non-numeric type');
    await unchanged();
  });

  it('refuses to change _id with code 66 ImmutableField, on update and on replace', async () => {
    const onSet = await serverErrorOf(things.updateOne({ _id: 1 as never }, { $set: { _id: 2 } } as never));
    expect(onSet.code).toBe(66);
    expect(onSet.message).toContain("Performing an update on the path '_id' would modify the immutable field '_id'");
    const onReplace = await serverErrorOf(things.replaceOne({ _id: 1 as never }, { _id: 2, name: 'y' } as never));
    expect(onReplace.code).toBe(66);
    await unchanged();
  });

  it('refuses two operators on the same path with code 40 ConflictingUpdateOperators', async () => {
    const error = await serverErrorOf(things.updateOne({ _id: 1 as never }, { $set: { count: 5 }, $inc: { count: 1 } }));
    expect(error.code).toBe(40);
    expect(error.message).toContain("Updating the path 'count' would create a conflict at 'count'");
    await unchanged();
  });

  it('refuses $push onto a non-array with code 2 (BadValue)', async () => {
    const push = await serverErrorOf(things.updateOne({ _id: 1 as never }, { $push: { tags: 'a' } } as never));
    expect(push.code).toBe(2);
    expect(push.message).toContain("The field 'tags' must be an array but is of type string");
    await unchanged();
  });

  it('refuses to create a field inside a scalar with code 28 (PathNotViable)', async () => {
    const path = await serverErrorOf(things.updateOne({ _id: 1 as never }, { $set: { 'nested.deep': 1 } }));
    expect(path.code).toBe(28);
    await unchanged();
  });

  it('refuses to $set a field name through an array of documents with code 28, but accepts an index or $[]', async () => {
    const coll = mongo.db.collection('arr_field');
    await coll.insertOne({ _id: 1 as never, items: [{ x: 1 }, { x: 2 }] });
    const refused = await serverErrorOf(coll.updateOne({ _id: 1 as never }, { $set: { 'items.x': 5 } }));
    expect(refused.code).toBe(28);
    expect(refused.message).toContain("Cannot create field 'x' in element {items: ");
    expect((await serverErrorOf(coll.updateOne({ _id: 1 as never }, { $inc: { 'items.x': 1 } } as never))).code).toBe(28);
    await coll.updateOne({ _id: 1 as never }, { $set: { 'items.0.x': 7 } });
    await coll.updateOne({ _id: 1 as never }, { $set: { 'items.$[].y': 0 } } as never);
    expect((await coll.findOne({ _id: 1 as never }))?.items).toEqual([{ x: 7, y: 0 }, { x: 2, y: 0 }]);
  });

  it('refuses $addToSet and $pull on a non-array with code 2, and $pop with code 14, writing nothing', async () => {
    const add = await serverErrorOf(things.updateOne({ _id: 1 as never }, { $addToSet: { tags: 'a' } } as never));
    expect(add.code).toBe(2);
    expect(add.message).toContain('Cannot apply $addToSet to non-array field');
    expect((await serverErrorOf(things.updateOne({ _id: 1 as never }, { $pull: { tags: 'a' } } as never))).code).toBe(2);
    expect((await serverErrorOf(things.updateOne({ _id: 1 as never }, { $pop: { tags: 1 } } as never))).code).toBe(14);
    await unchanged();
  });

  it('creates missing parents, and refuses a path through a scalar for every creating operator', async () => {
    for (const update of [{ $inc: { 'nested.n': 1 } }, { $push: { 'nested.list': 1 } }, { $max: { 'name.len': 3 } }]) {
      expect((await serverErrorOf(things.updateOne({ _id: 1 as never }, update as never))).code).toBe(28);
    }
    await unchanged();
    await things.updateOne({ _id: 1 as never }, { $set: { 'fresh.deep.field': 1 } });
    expect(await things.findOne({ _id: 1 as never })).toMatchObject({ fresh: { deep: { field: 1 } } });
  });

  it('refuses an empty update document (driver check) and writes nothing', async () => {
    await expect(things.updateOne({ _id: 1 as never }, {})).rejects.toThrow();
    await unchanged();
  });

  it('refuses invalid collection names with code 73 InvalidNamespace', async () => {
    const dollar = await serverErrorOf(mongo.db.collection('a$b').insertOne({ a: 1 }));
    expect(dollar.code).toBe(73);
    expect(dollar.codeName).toBe('InvalidNamespace');
    const empty = await rejectionOf(mongo.db.collection('').insertOne({ a: 1 }));
    expect(empty).toBeInstanceOf(Error);
    if (empty instanceof MongoServerError) expect(empty.code).toBe(73);
    const names = (await mongo.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain('a$b');
    expect(names).not.toContain('');
  });

  it('refuses a document over 16 MiB and writes nothing', async () => {
    const big = mongo.db.collection('big');
    // Whether the driver (BSON size check) or the server refuses it, the insert must fail.
    const error = await rejectionOf(big.insertOne({ blob: 'x'.repeat(16 * 1024 * 1024 + 1) }));
    expect(error).toBeInstanceOf(Error);
    expect(await big.countDocuments()).toBe(0);
  });

  it('stores and returns a document of 15 MiB intact', async () => {
    const big = mongo.db.collection('big-ok');
    const blob = 'y'.repeat(15 * 1024 * 1024);
    const { insertedId } = await big.insertOne({ blob });
    const back = await big.findOne({ _id: insertedId });
    expect((back?.blob as string).length).toBe(blob.length);
  });

  it('refuses an update that would grow a document past 16 MiB and keeps the old one', async () => {
    const big = mongo.db.collection('grow');
    await big.insertOne({ _id: 1, a: 'a'.repeat(9 * 1024 * 1024) } as never);
    const error = await serverErrorOf(big.updateOne({ _id: 1 as never }, { $set: { b: 'b'.repeat(9 * 1024 * 1024) } }));
    expect(error.code).toBe(17419);
    const doc = await big.findOne({ _id: 1 as never }, { projection: { b: 1 } });
    expect(doc).toEqual({ _id: 1 });
  });
});
