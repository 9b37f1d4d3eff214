import { Binary, Long } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestMongo } from '../../support/mongo.js';

describe('MongoDB $bits* query operators', () => {
  const mongo = useTestMongo();

  it('tests bits of numbers, longs and negative numbers with positions or a bitmask', async () => {
    const coll = mongo.db.collection('bits_numbers');
    await coll.insertMany([{ _id: 1 as never, n: 0b1010 }, { _id: 2 as never, n: Long.fromNumber(2 ** 40 + 1) }, { _id: 3 as never, n: -1 }, { _id: 4 as never, n: 2.5 }, { _id: 5 as never, n: 'x' }]);
    const ids = async (filter: Record<string, unknown>) => (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect.soft(await ids({ n: { $bitsAllSet: [1, 3] } })).toEqual([1, 3]);
    expect.soft(await ids({ n: { $bitsAllSet: 0b1010 } })).toEqual([1, 3]);
    expect.soft(await ids({ n: { $bitsAnySet: [40] } })).toEqual([2, 3]);
    expect.soft(await ids({ n: { $bitsAllClear: [0] } })).toEqual([1]);
    expect.soft(await ids({ n: { $bitsAnyClear: [1, 2] } })).toEqual([1, 2]);
    expect.soft(await ids({ n: { $bitsAllSet: [100] } })).toEqual([3]);
  });

  it('tests bits of BinData (a UUID), least significant bit of the first byte first', async () => {
    const coll = mongo.db.collection('bits_binary');
    const uuid = new Binary(Buffer.from(`ff${'0'.repeat(30)}`, 'hex'), Binary.SUBTYPE_UUID);
    await coll.insertOne({ _id: 1 as never, u: uuid });
    const count = (filter: Record<string, unknown>) => coll.countDocuments(filter);
    expect.soft(await count({ u: { $bitsAllSet: [0, 7] } })).toBe(1);
    expect.soft(await count({ u: { $bitsAllSet: 2 ** 15 } })).toBe(0);
    expect.soft(await count({ u: { $bitsAnySet: [8, 9] } })).toBe(0);
    expect.soft(await count({ u: { $bitsAnyClear: [0, 32] } })).toBe(1);
    expect.soft(await count({ u: { $bitsAllClear: 0b111 } })).toBe(0);
    expect.soft(await count({ u: { $bitsAllSet: new Binary(Buffer.from([0x81])) } })).toBe(1);
  });
});
