import { describe, expect, it } from 'vitest';
import { useTestMongo, USING_REAL_MONGO } from '../../support/mongo.js';

/** Polls until `check` holds or the deadline passes; returns whether it held. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('MongoDB TTL indexes', () => {
  // The embedded server sweeps every 100 ms here; mongod's TTL monitor runs every 60 s.
  const mongo = useTestMongo({ ttlSweepIntervalMs: 100 });

  it('records expireAfterSeconds on the index', async () => {
    const coll = mongo.db.collection('sessions');
    expect(await coll.createIndex({ at: 1 }, { expireAfterSeconds: 1 })).toBe('at_1');
    const index = (await coll.listIndexes().toArray()).find((i) => i.name === 'at_1');
    expect(index).toMatchObject({ key: { at: 1 }, expireAfterSeconds: 1 });
  });

  it('changes expireAfterSeconds with collMod', async () => {
    const coll = mongo.db.collection('mod');
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 100 });
    const reply = await mongo.db.command({ collMod: 'mod', index: { keyPattern: { at: 1 }, expireAfterSeconds: 50 } });
    expect(reply).toMatchObject({ ok: 1, expireAfterSeconds_old: 100, expireAfterSeconds_new: 50 });
    const index = (await coll.listIndexes().toArray()).find((i) => i.name === 'at_1');
    expect(index?.expireAfterSeconds).toBe(50);
  });

  // Real mongod deletes expired documents only when its TTL monitor wakes (every 60 s by
  // default), which no test can wait for; the embedded server here sweeps every 100 ms.
  it.skipIf(USING_REAL_MONGO)('deletes documents whose date is older than expireAfterSeconds, and only those', async () => {
    const coll = mongo.db.collection('expiring');
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    const now = Date.now();
    await coll.insertMany([
      { _id: 'old', at: new Date(now - 10_000) },
      { _id: 'oldInArray', at: [new Date(now + 3_600_000), new Date(now - 10_000)] },
      { _id: 'fresh', at: new Date(now + 3_600_000) },
      { _id: 'notADate', at: 'yesterday' },
      { _id: 'missing' },
    ] as never[]);
    // The earliest date of an array decides expiry.
    const gone = await eventually(async () => (await coll.countDocuments({ _id: { $in: ['old', 'oldInArray'] } } as never)) === 0, 5_000);
    expect(gone).toBe(true);
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['fresh', 'missing', 'notADate']);
  });

  it.skipIf(USING_REAL_MONGO)('expires a document once its date passes', async () => {
    const coll = mongo.db.collection('later');
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    await coll.insertOne({ _id: 'soon', at: new Date() } as never);
    expect(await coll.countDocuments()).toBe(1);
    expect(await eventually(async () => (await coll.countDocuments()) === 0, 6_000)).toBe(true);
  });
});
