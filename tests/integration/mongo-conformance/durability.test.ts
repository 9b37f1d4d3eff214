import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry, waitForLine, type RunningProcess } from '../../support/service-process.js';
import { REAL_MONGO } from '../../support/test-mongo.js';

async function startCli(dataDir: string): Promise<{ proc: RunningProcess; uri: string }> {
  const proc = runEntry('src/db/embedded/cli.ts', {}, ['--port', '0', '--data', dataDir]);
  const line = await waitForLine(proc, /mongodb:\/\//);
  const uri = /mongodb:\/\/[^\s"]+/.exec(line)?.[0] ?? '';
  return { proc, uri };
}

// The journal is the embedded server's own; a real MongoDB has its own durability story.
describe.skipIf(REAL_MONGO)('embedded server durability (npm run db:embedded)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vnb-durable-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged insert through kill -9 and a restart', async () => {
    const first = await startCli(dataDir);
    const client = await MongoClient.connect(first.uri);
    const items = client.db('durable').collection<{ _id: number }>('items');
    await items.createIndex({ n: 1 }, { unique: true });
    let acknowledged = 0;
    let attempted = 0;
    const writer = (async () => {
      for (let i = 0; i < 100_000; i += 1) {
        attempted = i + 1;
        await items.insertOne({ _id: i, n: i } as never);
        acknowledged = i + 1;
      }
    })().catch(() => undefined);
    while (acknowledged < 500) await new Promise((r) => setTimeout(r, 5));
    first.proc.child.kill('SIGKILL');
    await first.proc.exit;
    await writer;
    await client.close(true);

    const second = await startCli(dataDir);
    const again = await MongoClient.connect(second.uri);
    try {
      const restored = again.db('durable').collection('items');
      const count = await restored.countDocuments();
      console.log(`acknowledged ${acknowledged}, attempted ${attempted}, found after restart ${count}`);
      expect(count).toBeGreaterThanOrEqual(acknowledged);
      expect(count).toBeLessThanOrEqual(attempted);
      expect(await restored.findOne({ _id: acknowledged - 1 } as never)).not.toBeNull();
      // The unique index came back with the data and is still enforced.
      await expect(restored.insertOne({ n: 0 })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await again.close();
      second.proc.child.kill('SIGTERM');
      expect((await second.proc.exit).code).toBe(0);
    }
  });

  it('says where it listens and that it keeps nothing without --data', async () => {
    const proc = runEntry('src/db/embedded/cli.ts', {}, ['--port', '0']);
    const line = await waitForLine(proc, /mongodb:\/\//);
    expect(line).toMatch(/memory/i);
    proc.child.kill('SIGINT');
    expect((await proc.exit).code).toBe(0);
  });
});
