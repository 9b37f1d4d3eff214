import { describe, expect, it } from 'vitest';
import { serverErrorOf, useTestMongo } from '../../support/mongo.js';

describe('MongoDB hints and hidden indexes', () => {
  const mongo = useTestMongo();

  async function people(name: string) {
    const coll = mongo.db.collection(name);
    await coll.insertMany([{ _id: 1 as never, name: 'Chi' }, { _id: 2 as never, name: 'An' }, { _id: 3 as never, name: 'Binh' }]);
    await coll.createIndex({ name: 1 });
    return coll;
  }

  it('reads in the hinted index order and refuses a hint naming no index with code 2', async () => {
    const coll = await people('hint_order');
    const names = async (hint: unknown) => (await coll.find({}, { hint: hint as never }).toArray()).map((d) => d.name);
    expect(await names({ name: 1 })).toEqual(['An', 'Binh', 'Chi']);
    expect(await names('name_1')).toEqual(['An', 'Binh', 'Chi']);
    expect(await names({ $natural: -1 })).toEqual(['Binh', 'An', 'Chi']);
    const ordered = await coll.aggregate([{ $project: { _id: 0, name: 1 } }], { hint: 'name_1' }).toArray();
    expect(ordered).toEqual([{ name: 'An' }, { name: 'Binh' }, { name: 'Chi' }]);

    for (const attempt of [
      () => coll.find({}, { hint: { nope: 1 } }).toArray(),
      () => coll.find({}, { hint: 'nope_1' }).toArray(),
      () => coll.countDocuments({}, { hint: { nope: 1 } }),
      () => coll.updateOne({ _id: 1 as never }, { $set: { x: 1 } }, { hint: { nope: 1 } }),
      () => coll.deleteOne({ _id: 1 as never }, { hint: { nope: 1 } }),
      () => coll.aggregate([], { hint: { nope: 1 } }).toArray(),
    ]) {
      const error = await serverErrorOf(attempt());
      expect(error.code).toBe(2);
      expect(error.message).toContain('hint provided does not correspond to an existing index');
    }
    expect(await coll.countDocuments({ x: 1 })).toBe(0);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('hides and unhides an index with collMod: listed as hidden, and a hidden index cannot be hinted', async () => {
    const coll = await people('hidden_idx');
    const hide = await mongo.db.command({ collMod: 'hidden_idx', index: { keyPattern: { name: 1 }, hidden: true } });
    expect(hide).toMatchObject({ ok: 1, hidden_old: false, hidden_new: true });
    expect((await coll.listIndexes().toArray()).find((i) => i.name === 'name_1')).toMatchObject({ hidden: true });
    expect((await serverErrorOf(coll.find({}, { hint: 'name_1' }).toArray())).code).toBe(2);

    const unhide = await mongo.db.command({ collMod: 'hidden_idx', index: { name: 'name_1', hidden: false } });
    expect(unhide).toMatchObject({ hidden_old: true, hidden_new: false });
    expect((await coll.listIndexes().toArray()).find((i) => i.name === 'name_1')).not.toHaveProperty('hidden');
    expect((await coll.find({}, { hint: 'name_1' }).toArray()).map((d) => d.name)).toEqual(['An', 'Binh', 'Chi']);
  });
});
