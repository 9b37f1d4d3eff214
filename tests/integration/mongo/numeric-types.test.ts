import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal128, Double, Int32, Long, MongoClient, MongoServerError, type Document } from 'mongodb';
import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../../src/db/embedded/index.js';
import { USING_REAL_MONGO, useTestMongo } from '../../support/mongo.js';

const LONGS = [Long.fromInt(5), Long.fromNumber(2 ** 40), Long.fromString('9007199254740993'), Long.fromString('-42')];

/** The Long fields of a document read without promotion, as [type, value] pairs. */
function longsOf(doc: Record<string, unknown> | null): Array<[string, string]> {
  return LONGS.map((_, i) => {
    const value = doc?.[`n${i}`] as { _bsontype?: string } | undefined;
    return [value?._bsontype ?? typeof value, String(value)];
  });
}
const EXPECTED = LONGS.map((l): [string, string] => ['Long', l.toString()]);

/** A value's BSON class as a client reading without promotion sees it, and its text. */
function typed(value: unknown): [string, string] {
  return [(value as { _bsontype?: string } | undefined)?._bsontype ?? typeof value, String(value)];
}

/** The same number five, in each of MongoDB's numeric types. */
const FIVES: Document[] = [
  { _id: 'int', n: new Int32(5) },
  { _id: 'long', n: Long.fromInt(5) },
  { _id: 'double', n: new Double(5) },
  { _id: 'decimal', n: Decimal128.fromString('5') },
];

describe('MongoDB numeric types round-trip', () => {
  const mongo = useTestMongo();

  it('returns Long values as Longs of the same value, small or large', async () => {
    const raw = await mongo.connect({ promoteLongs: false });
    const coll = raw.db(mongo.db.databaseName).collection('longs');
    await coll.insertOne({ _id: 1 as never, ...Object.fromEntries(LONGS.map((l, i) => [`n${i}`, l])) });
    expect(longsOf(await coll.findOne({ _id: 1 as never }))).toEqual(EXPECTED);
    // Found by the same Long, and a query by type sees a long.
    expect(await coll.countDocuments({ n1: Long.fromNumber(2 ** 40) })).toBe(1);
  });

  it('stores a mongoose BigInt as a long and reads it back as the same bigint', async () => {
    const conn = await mongo.mongoose();
    const Counter = conn.model('Counter', new Schema({ total: BigInt }));
    const created = await Counter.create({ total: 2n ** 40n + 1n });
    expect(await Counter.countDocuments({ total: { $type: 'long' } })).toBe(1);
    expect((await Counter.findById(created._id))?.total).toBe(2n ** 40n + 1n);
    expect((await Counter.findById(created._id).lean().setOptions({ useBigInt64: true } as never))?.total).toBe(2n ** 40n + 1n);
  });

  it.skipIf(USING_REAL_MONGO)('keeps Longs as Longs after the journal is replayed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mongo-longs-'));
    try {
      const first = await startEmbeddedMongo({ port: 0, dataDir });
      const client = await MongoClient.connect(first.uri, { promoteLongs: false });
      await client.db('longs').collection('c').insertOne({ _id: 1 as never, ...Object.fromEntries(LONGS.map((l, i) => [`n${i}`, l])) });
      await client.close();
      await first.stop();
      const again = await startEmbeddedMongo({ port: 0, dataDir });
      const reader = await MongoClient.connect(again.uri, { promoteLongs: false });
      expect(longsOf(await reader.db('longs').collection('c').findOne({ _id: 1 as never }))).toEqual(EXPECTED);
      await reader.close();
      await again.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('returns a double holding an integer as a double, which $type double finds and int does not', async () => {
    const raw = await mongo.connect({ promoteValues: false });
    const coll = raw.db(mongo.db.databaseName).collection('doubles');
    await coll.insertOne({ _id: 1 as never, d: new Double(42), i: new Int32(42), f: new Double(4.5), big: new Double(2 ** 40) });
    const doc = await coll.findOne({ _id: 1 as never });
    expect([doc?.d, doc?.i, doc?.f, doc?.big].map(typed)).toEqual([['Double', '42'], ['Int32', '42'], ['Double', '4.5'], ['Double', String(2 ** 40)]]);
    expect(Number(await coll.countDocuments({ d: { $type: 'double' } }))).toBe(1);
    expect(Number(await coll.countDocuments({ d: { $type: 'int' } }))).toBe(0);
    expect(Number(await coll.countDocuments({ d: 42 }))).toBe(1);
    // Updating another field leaves the double a double.
    await coll.updateOne({ _id: 1 as never }, { $set: { other: 1 } });
    expect(typed((await coll.findOne({ _id: 1 as never }))?.d)).toEqual(['Double', '42']);
  });

  it.skipIf(USING_REAL_MONGO)('keeps an integral double a double after the journal is replayed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mongo-doubles-'));
    try {
      const first = await startEmbeddedMongo({ port: 0, dataDir });
      const client = await MongoClient.connect(first.uri);
      await client.db('doubles').collection('c').insertOne({ _id: 1 as never, d: new Double(7), nested: [{ d: new Double(-3) }] });
      await client.close();
      await first.stop();
      const again = await startEmbeddedMongo({ port: 0, dataDir });
      const reader = await MongoClient.connect(again.uri, { promoteValues: false });
      const doc = await reader.db('doubles').collection('c').findOne({ _id: 1 as never });
      expect([doc?.d, (doc?.nested as Document[] | undefined)?.[0]?.d].map(typed)).toEqual([['Double', '7'], ['Double', '-3']]);
      await reader.close();
      await again.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('matches int, long, double and decimal of one value by equality, $in and ranges', async () => {
    const coll = mongo.db.collection('fives');
    await coll.insertMany([...FIVES, { _id: 'six', n: 6 }, { _id: 'text', n: '5' }] as never[]);
    const ids = async (filter: Document): Promise<string[]> => (await coll.find(filter).toArray()).map((d) => String(d._id)).sort();
    const all = ['decimal', 'double', 'int', 'long'];
    for (const five of FIVES) expect.soft(await ids({ n: five.n })).toEqual(all);
    expect.soft(await ids({ n: { $in: [Long.fromInt(5)] } })).toEqual(all);
    expect.soft(await ids({ n: { $gte: new Double(5), $lt: Decimal128.fromString('5.5') } })).toEqual(all);
    expect.soft(await ids({ n: { $gt: Long.fromInt(5) } })).toEqual(['six']);
    expect.soft(await ids({ n: { $ne: 5 } })).toEqual(['six', 'text']);
    expect(await coll.countDocuments({ n: 5 })).toBe(4);
  });

  it('sorts numbers of every type by value', async () => {
    const coll = mongo.db.collection('mixed_sort');
    await coll.insertMany([
      { _id: 'a', n: Long.fromInt(3) },
      { _id: 'b', n: 2.5 },
      { _id: 'c', n: Decimal128.fromString('1.5') },
      { _id: 'd', n: new Double(4) },
      { _id: 'e', n: 1 },
    ] as never[]);
    const order = (await coll.find().sort({ n: 1 }).toArray()).map((d) => d._id);
    expect(order).toEqual(['e', 'c', 'b', 'a', 'd']);
  });

  it('refuses an int and a long of the same value in a unique index', async () => {
    const coll = mongo.db.collection('unique_numbers');
    await coll.createIndex({ n: 1 }, { unique: true });
    await coll.insertOne({ n: 5 });
    const error = await coll.insertOne({ n: Long.fromInt(5) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    const error2 = await coll.insertOne({ n: new Double(5) }).catch((e: unknown) => e);
    expect((error2 as MongoServerError).code).toBe(11000);
  });

  it('gives $inc and $mul results the type MongoDB gives', async () => {
    const raw = await mongo.connect({ promoteValues: false });
    const coll = raw.db(mongo.db.databaseName).collection('arith');
    await coll.insertOne({ _id: 1 as never, i: 1, max: 2 ** 31 - 1, d: new Double(2), l: Long.fromInt(2), dec: Decimal128.fromString('1.5'), m: 3 });
    await coll.updateOne({ _id: 1 as never }, {
      $inc: { i: Long.fromInt(1), max: 1, d: 1, l: 3, dec: 1, fresh: new Double(1) },
      $mul: { m: 2.5, zero: Long.fromInt(7) },
    });
    const doc = await coll.findOne({ _id: 1 as never });
    expect({ i: typed(doc?.i), max: typed(doc?.max), d: typed(doc?.d), l: typed(doc?.l), dec: typed(doc?.dec), fresh: typed(doc?.fresh), m: typed(doc?.m), zero: typed(doc?.zero) }).toEqual({
      i: ['Long', '2'],
      max: ['Long', String(2 ** 31)],
      d: ['Double', '3'],
      l: ['Long', '5'],
      dec: ['Decimal128', '2.5'],
      fresh: ['Double', '1'],
      m: ['Double', '7.5'],
      zero: ['Long', '0'],
    });
  });

  it('adds integral doubles like any number in an aggregation', async () => {
    const coll = mongo.db.collection('agg_doubles');
    await coll.insertMany([{ g: 1, n: new Double(5) }, { g: 1, n: 2 }, { g: 1, n: 0.5 }] as never[]);
    const [sum] = await coll.aggregate([{ $group: { _id: '$g', total: { $sum: '$n' }, plus: { $sum: { $add: ['$n', 1] } } } }]).toArray();
    expect(sum).toEqual({ _id: 1, total: 7.5, plus: 10.5 });
  });
});
