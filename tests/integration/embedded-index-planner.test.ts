import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Collection, type Filter, type Sort } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/db/embedded/index.js';

interface PlannerDoc { _id: number; firm: number; status: string; createdAt: Date; skills: string[]; rank?: number | null }
type Coll = Collection<PlannerDoc>;

const STATUSES = ['open', 'draft', 'closed'];
const SKILLS = ['go', 'aws', 'react', 'rust'];

/** The listing shapes the API sends, plus a few that must fall back to scans. */
const QUERIES: Array<{ filter: Filter<PlannerDoc>; sort?: Sort; limit?: number; skip?: number }> = [
  { filter: { status: 'open' }, sort: { createdAt: -1, _id: -1 }, limit: 7 },
  { filter: { status: 'open' }, sort: { createdAt: 1, _id: 1 }, limit: 7, skip: 3 },
  { filter: { firm: 2, status: { $in: ['open', 'draft'] } }, sort: { createdAt: -1, _id: -1 } },
  { filter: { skills: { $all: ['go', 'aws'] } }, sort: { createdAt: -1, _id: -1 }, limit: 5 },
  { filter: { skills: 'rust' }, sort: { rank: 1 }, limit: 10 },
  { filter: { $and: [{ status: 'open' }, { $or: [{ createdAt: { $lt: new Date(40_000) } }, { rank: null }] }] }, sort: { createdAt: -1, _id: -1 }, limit: 9 },
  { filter: { firm: { $in: [1, 3] } } },
  { filter: { rank: { $gte: 3 } }, sort: { rank: -1 }, limit: 4 },
  { filter: {}, sort: { status: 1, createdAt: -1, _id: -1 }, limit: 12 },
];

function doc(i: number): PlannerDoc {
  const d: PlannerDoc = {
    _id: i,
    firm: i % 4,
    status: STATUSES[i % 3] as string,
    createdAt: new Date((i % 50) * 1000),
    skills: [SKILLS[i % 4] as string, SKILLS[(i * 7) % 4] as string],
  };
  if (i % 5 !== 0) d.rank = i % 6 === 0 ? null : i % 7;
  return d;
}

async function answers(coll: Coll): Promise<unknown[][]> {
  return Promise.all(QUERIES.map(async (q) => {
    let cursor = coll.find(q.filter);
    if (q.sort) cursor = cursor.sort(q.sort);
    if (q.skip) cursor = cursor.skip(q.skip);
    if (q.limit) cursor = cursor.limit(q.limit);
    return (await cursor.toArray()).map((d) => d._id);
  }));
}

/** Runs the same writes on both collections. */
async function onBoth(colls: Coll[], write: (c: Coll) => Promise<unknown>): Promise<void> {
  for (const c of colls) await write(c);
}

describe('embedded server secondary indexes through the driver', () => {
  let server: EmbeddedMongo | undefined;
  let client: MongoClient | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'embedded-planner-'));

  afterEach(async () => {
    await client?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function connect(): Promise<[Coll, Coll]> {
    server = await startEmbeddedMongo({ dataDir: dir, fsync: 'batched' });
    client = await MongoClient.connect(server.uri);
    const db = client.db('planner');
    return [db.collection<PlannerDoc>('indexed'), db.collection<PlannerDoc>('plain')];
  }

  it('returns what a scan returns across updates, upserts, findAndModify, dropIndexes and a restart', async () => {
    const [indexed, plain] = await connect();
    await indexed.createIndexes([
      { key: { status: 1, createdAt: -1, _id: -1 } },
      { key: { firm: 1, status: 1, createdAt: -1, _id: -1 } },
      { key: { skills: 1 } },
      { key: { rank: 1 } },
    ]);
    await onBoth([indexed, plain], (c) => c.insertMany(Array.from({ length: 400 }, (_, i) => doc(i))));
    expect(await answers(indexed)).toEqual(await answers(plain));

    await onBoth([indexed, plain], (c) => c.updateMany({ firm: 1 }, { $set: { status: 'open' }, $push: { skills: 'aws' } }));
    await onBoth([indexed, plain], (c) => c.deleteMany({ status: 'closed', firm: 3 }));
    await onBoth([indexed, plain], (c) => c.updateOne({ _id: 1000 }, { $set: { status: 'open', createdAt: new Date(5) } }, { upsert: true }));
    await onBoth([indexed, plain], (c) => c.findOneAndUpdate({ status: 'open' }, { $set: { status: 'draft', rank: 99 } }, { sort: { createdAt: -1, _id: -1 } }));
    await onBoth([indexed, plain], (c) => c.findOneAndDelete({ skills: 'rust' }, { sort: { rank: 1 } }));
    await onBoth([indexed, plain], (c) => c.replaceOne({ _id: 7 }, { firm: 2, status: 'open', skills: ['go'], createdAt: new Date(1) }));
    expect(await answers(indexed)).toEqual(await answers(plain));

    await client?.close();
    await server?.stop();
    const [restarted, plainAgain] = await connect();
    expect(await answers(restarted)).toEqual(await answers(plainAgain));

    await restarted.dropIndexes();
    expect(await answers(restarted)).toEqual(await answers(plainAgain));
  });
});
