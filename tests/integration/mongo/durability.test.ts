import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { uniqueDbName, USING_REAL_MONGO } from '../../support/mongo.js';
import { runEntry, waitForLine, type RunningProcess } from '../../support/service-process.js';

interface Cli { proc: RunningProcess; uri: string }

/** Starts `npm run db:embedded` (the CLI) on a free port over `dataDir` and waits for its URI line. */
async function startCli(dataDir: string): Promise<Cli> {
  const proc = runEntry('src/db/embedded/cli.ts', {}, ['--port', '0', '--data', dataDir]);
  const line = await waitForLine(proc, /mongodb:\/\//);
  const uri = /mongodb:\/\/[^\s"]+/.exec(line)?.[0];
  if (!uri) throw new Error(`no URI in ${line}`);
  return { proc, uri };
}

// The journal, kill -9 recovery and the CLI belong to the embedded server; a real MongoDB in
// MONGODB_URI has its own durability story and cannot be killed from a test.
describe.skipIf(USING_REAL_MONGO)('embedded server durability and CLI', () => {
  const dirs: string[] = [];
  const running: Cli[] = [];
  const clients: MongoClient[] = [];
  const newDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'mongo-durable-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (dir: string): Promise<{ cli: Cli; client: MongoClient }> => {
    const cli = await startCli(dir);
    running.push(cli);
    const client = await MongoClient.connect(cli.uri, { serverSelectionTimeoutMS: 5000 });
    clients.push(client);
    return { cli, client };
  };
  const stopCleanly = async (cli: Cli): Promise<number | null> => {
    cli.proc.child.kill('SIGTERM');
    return (await cli.proc.exit).code;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close(true).catch(() => undefined);
    for (const cli of running.splice(0)) {
      if (cli.proc.child.exitCode === null && cli.proc.child.signalCode === null) {
        cli.proc.child.kill('SIGKILL');
        await cli.proc.exit;
      }
    }
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged insert and update through kill -9 and a restart', async () => {
    const dir = newDir();
    const dbName = uniqueDbName('durable');
    const first = await start(dir);
    const items = first.client.db(dbName).collection<{ _id: number }>('items');
    const counters = first.client.db(dbName).collection<{ _id: string; n: number }>('counters');
    await counters.insertOne({ _id: 'c', n: 0 });
    let acknowledged = 0;
    let attempted = 0;
    let increments = 0;
    const writer = (async () => {
      for (let i = 0; i < 1_000_000; i += 1) {
        attempted = i + 1;
        await items.insertOne({ _id: i });
        await counters.updateOne({ _id: 'c' }, { $inc: { n: 1 } });
        acknowledged = i + 1;
        increments = i + 1;
      }
    })().catch(() => undefined);
    while (acknowledged < 300) await new Promise((r) => setTimeout(r, 2));
    first.cli.proc.child.kill('SIGKILL');
    expect((await first.cli.proc.exit).signal).toBe('SIGKILL');
    await writer;

    const second = await start(dir);
    const restored = second.client.db(dbName);
    const count = await restored.collection('items').countDocuments();
    expect(count).toBeGreaterThanOrEqual(acknowledged);
    expect(count).toBeLessThanOrEqual(attempted);
    const ids = (await restored.collection<{ _id: number }>('items').find().sort({ _id: 1 }).toArray()).map((d) => d._id);
    // No holes: the journal replays a prefix of what was written.
    expect(ids).toEqual(Array.from({ length: count }, (_, i) => i));
    const counter = await restored.collection<{ _id: string; n: number }>('counters').findOne({ _id: 'c' });
    expect(counter?.n).toBeGreaterThanOrEqual(increments);
    expect(counter?.n).toBeLessThanOrEqual(attempted);
  });

  it('keeps data, indexes and their options through a clean stop and restart', async () => {
    const dir = newDir();
    const dbName = uniqueDbName('restart');
    const first = await start(dir);
    const users = first.client.db(dbName).collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.createIndex({ handle: 1 }, { unique: true, partialFilterExpression: { active: true }, name: 'active_handle' });
    await users.createIndex({ seenAt: 1 }, { expireAfterSeconds: 3600 });
    await users.createIndex({ bio: 'text' });
    await users.insertMany([
      { email: 'a@x.vn', handle: 'lan', active: true, bio: 'Kỹ sư phần mềm ở Hải Phòng', seenAt: new Date() },
      { email: 'b@x.vn', handle: 'lan', active: false, bio: 'designer' },
    ]);
    await users.deleteOne({ email: 'b@x.vn' });
    await users.insertOne({ email: 'c@x.vn', handle: 'minh', active: true });
    const indexesBefore = await users.listIndexes().toArray();
    expect(await stopCleanly(first.cli)).toBe(0);

    const second = await start(dir);
    const again = second.client.db(dbName).collection('users');
    expect((await again.find({}, { projection: { _id: 0, email: 1 } }).sort({ email: 1 }).toArray()).map((d) => d.email)).toEqual(['a@x.vn', 'c@x.vn']);
    expect(await again.listIndexes().toArray()).toEqual(indexesBefore);
    const dup = await again.insertOne({ email: 'a@x.vn' }).catch((e: unknown) => e);
    expect(dup).toMatchObject({ code: 11000 });
    await expect(again.insertOne({ email: 'd@x.vn', handle: 'lan', active: true })).rejects.toMatchObject({ code: 11000 });
    await again.insertOne({ email: 'e@x.vn', handle: 'lan', active: false });
    expect((await again.find({ $text: { $search: 'hai phong' } }).toArray()).map((d) => d.email)).toEqual(['a@x.vn']);
  });

  it('prints its URI when ready, says it keeps nothing without --data, and stops on SIGINT with code 0', async () => {
    const proc = runEntry('src/db/embedded/cli.ts', {}, ['--port', '0']);
    const line = await waitForLine(proc, /mongodb:\/\//);
    expect(line).toMatch(/mongodb:\/\/127\.0\.0\.1:\d+\//);
    expect(line).toMatch(/memory/i);
    const uri = /mongodb:\/\/[^\s"]+/.exec(line)?.[0] ?? '';
    const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    await client.close();
    proc.child.kill('SIGINT');
    expect((await proc.exit).code).toBe(0);
  });

  it('refuses a bad --port with a usage message and a non-zero exit', async () => {
    const exit = await runEntry('src/db/embedded/cli.ts', {}, ['--port', 'seventy']).exit;
    expect(exit.code).not.toBe(0);
    expect(exit.stderr).toMatch(/usage/i);
  });
});
