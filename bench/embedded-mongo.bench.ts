/**
 * The embedded server in its own process (like a real mongod), in memory and journalled:
 * bulk inserts through the official driver, single operations with 16 in flight through a
 * lean wire client (the driver alone costs more CPU per command than the server), and the
 * driver's own single-operation figures for reference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Collection } from 'mongodb';
import { startServerProcess } from './embedded-server-process.js';
import { opsPerSecond, printFigures, type Figure } from './report.js';
import { WireClient } from './wire-client.js';

const BULK_DOCS = 50_000;
const BATCH = 1_000;
const SINGLE_OPS = 20_000;
const DRIVER_OPS = 3_000;
const SEEDED = 100_000;
const IN_FLIGHT = 16;
const SINGLE_TARGET = 10_000;
/** Journalled bulk inserts must reach this share of the in-memory rate. */
const BULK_RATIO_TARGET = 50;

type Fsync = 'always' | 'batched';
interface Person { _id: number; email: string; city: string }
interface ModeFigures { bulk: number; figures: Figure[] }

const person = (i: number): Person => ({ _id: i, email: `p${i}@example.vn`, city: `city${i % 50}` });

/** Memory, journalled with batched fsync (the default) and with fsync 'always', each in a fresh server process. */
export async function benchEmbeddedMongo(): Promise<void> {
  const memory = await measure('memory', undefined);
  const batched = await withDataDir((dir) => measure('journalled', { dataDir: dir, fsync: 'batched' }));
  const always = await withDataDir((dir) => measureBulkOnly('journalled, fsync always', { dataDir: dir, fsync: 'always' }));
  printFigures([
    ...memory.figures,
    ...batched.figures,
    ...always.figures,
    ratio('journalled / memory insertMany', batched.bulk, memory.bulk),
    ratio('journalled (fsync always) / memory insertMany', always.bulk, memory.bulk),
  ]);
}

function ratio(name: string, journalled: number, memory: number): Figure {
  return { name, value: (100 * journalled) / memory, unit: '%', baseline: BULK_RATIO_TARGET };
}

async function withDataDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-embedded-'));
  try {
    return await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(mode: string, storage: { dataDir: string; fsync: Fsync } | undefined): Promise<ModeFigures> {
  const server = await startServerProcess(storage ?? {});
  const client = await MongoClient.connect(server.uri, { maxPoolSize: IN_FLIGHT });
  const wire = await WireClient.connect(server.uri, IN_FLIGHT);
  try {
    const people = client.db('bench').collection<Person>('people');
    await people.createIndex({ email: 1 }, { unique: true });
    const bulk = await bulkInsert(people, 0);
    const inserts = await wire.opsPerSecond(SINGLE_OPS, (k) => ({ insert: 'people', documents: [person(BULK_DOCS + k)], $db: 'bench' }));
    for (let i = BULK_DOCS + SINGLE_OPS; i < SEEDED; i += BATCH) await people.insertMany(range(i, Math.min(BATCH, SEEDED - i)));
    const random = (i: number) => (i * 7919) % SEEDED;
    const finds = await wire.opsPerSecond(SINGLE_OPS, (i) => ({ find: 'people', filter: { _id: random(i) }, limit: 1, singleBatch: true, $db: 'bench' }));
    const driverInserts = await opsPerSecond(DRIVER_OPS, IN_FLIGHT, (k) => people.insertOne(person(SEEDED + k)));
    const driverFinds = await opsPerSecond(DRIVER_OPS, IN_FLIGHT, (i) => people.findOne({ _id: random(i) }));
    const driverByEmail = await opsPerSecond(DRIVER_OPS, 1, (i) => people.findOne({ email: `p${random(i)}@example.vn` }));
    return {
      bulk,
      figures: [
        { name: `${mode}: insertMany, ${BATCH}-document batches`, value: bulk, unit: 'docs/s' },
        { name: `${mode}: single inserts (${IN_FLIGHT} in flight)`, value: inserts, unit: 'ops/s', baseline: SINGLE_TARGET },
        { name: `${mode}: _id finds on ${SEEDED / 1000}k docs (${IN_FLIGHT} in flight)`, value: finds, unit: 'ops/s', baseline: SINGLE_TARGET },
        { name: `${mode}: driver insertOne (${IN_FLIGHT} in flight)`, value: driverInserts, unit: 'ops/s' },
        { name: `${mode}: driver findOne by _id (${IN_FLIGHT} in flight)`, value: driverFinds, unit: 'ops/s' },
        { name: `${mode}: driver unique-index equality finds (1 in flight)`, value: driverByEmail, unit: 'ops/s' },
      ],
    };
  } finally {
    wire.close();
    await client.close();
    await server.stop();
  }
}

async function measureBulkOnly(mode: string, storage: { dataDir: string; fsync: Fsync }): Promise<ModeFigures> {
  const server = await startServerProcess(storage);
  const client = await MongoClient.connect(server.uri);
  try {
    const people = client.db('bench').collection<Person>('people');
    await people.createIndex({ email: 1 }, { unique: true });
    const bulk = await bulkInsert(people, 0);
    return { bulk, figures: [{ name: `${mode}: insertMany, ${BATCH}-document batches`, value: bulk, unit: 'docs/s' }] };
  } finally {
    await client.close();
    await server.stop();
  }
}

/** insertMany of BULK_DOCS documents in BATCH-document batches (built before the clock starts); docs/s. */
async function bulkInsert(people: Collection<Person>, from: number): Promise<number> {
  const batches = Array.from({ length: BULK_DOCS / BATCH }, (_, b) => range(from + b * BATCH, BATCH));
  const started = process.hrtime.bigint();
  for (const batch of batches) await people.insertMany(batch);
  return BULK_DOCS / (Number(process.hrtime.bigint() - started) / 1e9);
}

function range(from: number, count: number): Person[] {
  return Array.from({ length: count }, (_, k) => person(from + k));
}
