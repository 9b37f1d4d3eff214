import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../src/db/embedded/index.js';
import { opsPerSecond, printFigures, type Figure } from './report.js';

const SEEDED = 100_000;
const SINGLE_OPS = 20_000;

/** Single inserts, _id finds and unique-index equality finds through the official driver. */
export async function benchEmbeddedMongo(): Promise<void> {
  const memory = await measure('memory', undefined);
  const dir = mkdtempSync(join(tmpdir(), 'bench-embedded-'));
  try {
    const journalled = await measure('journalled', dir);
    printFigures([...memory, ...journalled]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(mode: string, dataDir: string | undefined): Promise<Figure[]> {
  const server = await startEmbeddedMongo({ port: 0, ...(dataDir ? { dataDir, fsync: 'batched' as const } : {}) });
  const client = await MongoClient.connect(server.uri, { maxPoolSize: 16 });
  try {
    const people = client.db('bench').collection<{ _id: number; email: string; city: string }>('people');
    await people.createIndex({ email: 1 }, { unique: true });
    const single = await opsPerSecond(SINGLE_OPS, 1, (i) =>
      people.insertOne({ _id: i, email: `p${i}@example.vn`, city: `city${i % 50}` }),
    );
    const concurrent = await opsPerSecond(SINGLE_OPS, 16, (i) =>
      people.insertOne({ _id: SINGLE_OPS + i, email: `p${SINGLE_OPS + i}@example.vn`, city: `city${i % 50}` }),
    );
    const rest = Array.from({ length: SEEDED - 2 * SINGLE_OPS }, (_, k) => {
      const i = 2 * SINGLE_OPS + k;
      return { _id: i, email: `p${i}@example.vn`, city: `city${i % 50}` };
    });
    for (let k = 0; k < rest.length; k += 5000) await people.insertMany(rest.slice(k, k + 5000));
    const random = (i: number) => (i * 7919) % SEEDED;
    const byId = await opsPerSecond(SINGLE_OPS, 1, (i) => people.findOne({ _id: random(i) }));
    const byEmail = await opsPerSecond(SINGLE_OPS, 1, (i) => people.findOne({ email: `p${random(i)}@example.vn` }));
    return [
      { name: `${mode}: single inserts (1 in flight)`, value: single, unit: 'ops/s', baseline: 10_000 },
      { name: `${mode}: single inserts (16 in flight)`, value: concurrent, unit: 'ops/s', baseline: 10_000 },
      { name: `${mode}: _id finds on ${SEEDED / 1000}k docs`, value: byId, unit: 'ops/s', baseline: 10_000 },
      { name: `${mode}: unique-index equality finds`, value: byEmail, unit: 'ops/s', baseline: 10_000 },
    ];
  } finally {
    await client.close();
    await server.stop();
  }
}
