import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Long, MongoClient } from 'mongodb';
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
});
