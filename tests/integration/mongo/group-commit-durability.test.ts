import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { uniqueDbName, USING_REAL_MONGO } from '../../support/mongo.js';
import { runEntry, waitForLine, type RunningProcess } from '../../support/service-process.js';

const WRITERS = 16;
const KILL_AFTER_ACKS = 1_500;
// Each test starts the server two or three times; a cold tsx start takes seconds on a loaded machine.
const TIMEOUT_MS = 120_000;

interface Server { proc: RunningProcess; client: MongoClient }
interface Acked { ids: Set<string>; increments: number[] }

/** Many writers at once: single inserts, small insertMany batches and $inc updates; records what was acknowledged. */
function startWriters(client: MongoClient, dbName: string, acked: Acked): Promise<void> {
  const db = client.db(dbName);
  const items = db.collection<{ _id: string; w: number }>('items');
  const counters = db.collection<{ _id: number; n: number }>('counters');
  const writer = async (w: number): Promise<void> => {
    for (let i = 0; ; i += 1) {
      if (i % 3 === 2) {
        const batch = Array.from({ length: 20 }, (_, k) => ({ _id: `w${w}-${i}-${k}`, w }));
        await items.insertMany(batch);
        for (const doc of batch) acked.ids.add(doc._id);
      } else {
        await items.insertOne({ _id: `w${w}-${i}`, w });
        acked.ids.add(`w${w}-${i}`);
      }
      await counters.updateOne({ _id: w }, { $inc: { n: 1 } }, { upsert: true });
      acked.increments[w] = (acked.increments[w] ?? 0) + 1;
    }
  };
  // Each writer stops at its first error: the server was killed under it.
  return Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w).catch(() => undefined))).then(() => undefined);
}

// Group commit belongs to the embedded server's journal; a real MongoDB cannot be killed from here.
describe.skipIf(USING_REAL_MONGO)('journal group commit under kill -9', () => {
  const dirs: string[] = [];
  const servers: Server[] = [];

  const start = async (dir: string, fsync: 'always' | 'batched'): Promise<Server> => {
    const proc = runEntry('src/db/embedded/cli.ts', {}, ['--port', '0', '--data', dir, '--fsync', fsync]);
    const uri = /mongodb:\/\/[^\s"]+/.exec(await waitForLine(proc, /mongodb:\/\//))?.[0] ?? '';
    const client = await MongoClient.connect(uri, { maxPoolSize: WRITERS, serverSelectionTimeoutMS: 5000 });
    const server = { proc, client };
    servers.push(server);
    return server;
  };
  const kill = async (server: Server): Promise<void> => {
    server.proc.child.kill('SIGKILL');
    expect((await server.proc.exit).signal).toBe('SIGKILL');
  };
  const expectAllAcknowledged = async (server: Server, dbName: string, acked: Acked): Promise<void> => {
    const db = server.client.db(dbName);
    const stored = new Set((await db.collection<{ _id: string }>('items').find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    const missing = [...acked.ids].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    const counters = await db.collection<{ _id: number; n: number }>('counters').find().toArray();
    for (const [w, n] of acked.increments.entries()) {
      expect(counters.find((c) => c._id === w)?.n ?? 0).toBeGreaterThanOrEqual(n ?? 0);
    }
  };

  afterEach(async () => {
    for (const { proc, client } of servers.splice(0)) {
      await client.close(true).catch(() => undefined);
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGKILL');
        await proc.exit;
      }
    }
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['always', 'batched'] as const)(`keeps every write acknowledged to ${WRITERS} concurrent writers (fsync %s)`, async (fsync) => {
    const dir = mkdtempSync(join(tmpdir(), 'mongo-group-commit-'));
    dirs.push(dir);
    const dbName = uniqueDbName('group_commit');
    const first = await start(dir, fsync);
    const acked: Acked = { ids: new Set(), increments: [] };
    const writers = startWriters(first.client, dbName, acked);
    while (acked.ids.size < KILL_AFTER_ACKS) await new Promise((r) => setTimeout(r, 5));
    await kill(first);
    await writers;

    const second = await start(dir, fsync);
    await expectAllAcknowledged(second, dbName, acked);
  }, TIMEOUT_MS);

  it('starts after a kill -9 that left a group commit half written, keeping every acknowledged write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mongo-group-torn-'));
    dirs.push(dir);
    const dbName = uniqueDbName('group_torn');
    const first = await start(dir, 'batched');
    const acked: Acked = { ids: new Set(), increments: [] };
    const writers = startWriters(first.client, dbName, acked);
    while (acked.ids.size < 500) await new Promise((r) => setTimeout(r, 5));
    await kill(first);
    await writers;
    // What an interrupted write(2) of a group leaves: a frame header promising more bytes than follow.
    appendFileSync(join(dir, 'journal.log'), Buffer.concat([Buffer.from([200, 0, 0, 0, 9, 9, 9, 9]), Buffer.from('part of a group')]));

    const second = await start(dir, 'batched');
    await expectAllAcknowledged(second, dbName, acked);
    // The torn tail was cut off: writes after it survive another restart.
    await second.client.db(dbName).collection<{ _id: string }>('items').insertOne({ _id: 'after-restart' });
    second.proc.child.kill('SIGTERM');
    expect((await second.proc.exit).code).toBe(0);
    const third = await start(dir, 'batched');
    await expectAllAcknowledged(third, dbName, acked);
    expect(await third.client.db(dbName).collection<{ _id: string }>('items').findOne({ _id: 'after-restart' })).not.toBeNull();
  }, TIMEOUT_MS);
});
