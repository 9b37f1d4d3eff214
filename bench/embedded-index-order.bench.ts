/**
 * Index-backed sort + limit and counts against the embedded server in its own process (like a
 * real mongod), over 100k forum-thread-like documents. The sort + limit page is held to at most
 * twice the time of a unique-index point lookup measured in the same run.
 * Run: `npm run bench -- embedded-index-order`.
 */
import { MongoClient, ObjectId, type Collection } from 'mongodb';
import { startServerProcess } from './embedded-server-process.js';
import { printFigures } from './report.js';

const DOCS = 100_000;
const ROUNDS = 5;
const OPS_PER_ROUND = Number(process.env.BENCH_OPS ?? 400);
const COUNT_OPS = Number(process.env.BENCH_COUNT_OPS ?? 20);

interface Thread { _id: ObjectId; slug: string; title: string; body: string; hidden: boolean; lastActivityAt: Date; replies: number }

/** Point lookup, sort + limit 21 on two index shapes, and counts; ratios from interleaved rounds. */
export async function benchEmbeddedIndexOrder(): Promise<void> {
  const server = await startServerProcess();
  const client = await MongoClient.connect(server.uri, { maxPoolSize: 4 });
  try {
    const db = client.db('bench_index_order');
    const compound = db.collection<Thread>('threads');
    const plain = db.collection<Thread>('threads_plain');
    await compound.createIndexes([{ key: { slug: 1 }, unique: true }, { key: { hidden: 1, lastActivityAt: -1, _id: -1 } }]);
    await plain.createIndexes([{ key: { slug: 1 }, unique: true }, { key: { lastActivityAt: -1, _id: -1 } }]);
    await seed(compound);
    await seed(plain);

    const slug = (i: number) => `thread-${(i * 7919) % DOCS}`;
    const page = (c: Collection<Thread>) => c.find({ hidden: false }).sort({ lastActivityAt: -1, _id: -1 }).limit(21).toArray();
    const timers = {
      point: timer((i) => compound.findOne({ slug: slug(i) })),
      sortCompound: timer(() => page(compound)),
      sortPlain: timer(() => page(plain)),
    };
    for (const t of Object.values(timers)) await t.run(50); // warm-up, not counted
    for (const t of Object.values(timers)) t.reset();
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of Object.values(timers)) await t.run(OPS_PER_ROUND);
    }
    const countAll = timer(() => compound.countDocuments({}));
    const countHidden = timer(() => compound.countDocuments({ hidden: false }));
    const countRange = timer(() => compound.countDocuments({ hidden: false, lastActivityAt: { $gte: new Date(START - DOCS * 500) } }));
    for (const t of [countAll, countHidden, countRange]) await t.run(2);
    for (const t of [countAll, countHidden, countRange]) t.reset();
    for (const t of [countAll, countHidden, countRange]) await t.run(COUNT_OPS);

    const point = timers.point.msPerOp();
    const sortCompound = timers.sortCompound.msPerOp();
    const sortPlain = timers.sortPlain.msPerOp();
    const ms = (name: string, value: number, baseline: number) => ({ name, value, unit: 'ms/op', baseline, higherIsBetter: false });
    printFigures([
      ms('point lookup via unique index', point, 1),
      ms('sort+limit 21, index {hidden,lastActivityAt,_id}', sortCompound, 2 * point),
      { name: '  ratio to point lookup', value: sortCompound / point, unit: '×', baseline: 2, higherIsBetter: false },
      ms('sort+limit 21, index {lastActivityAt,_id}', sortPlain, 2 * point),
      { name: '  ratio to point lookup', value: sortPlain / point, unit: '×', baseline: 2, higherIsBetter: false },
      ms(`countDocuments({}) over ${DOCS / 1000}k`, countAll.msPerOp(), 25),
      ms('countDocuments({hidden:false})', countHidden.msPerOp(), 25),
      ms('countDocuments({hidden:false, lastActivityAt:{$gte}})', countRange.msPerOp(), 25),
    ]);
  } finally {
    await client.close();
    await server.stop();
  }
}

const START = Date.UTC(2026, 0, 1);

async function seed(threads: Collection<Thread>): Promise<void> {
  const body = 'Một câu hỏi về triển khai Kubernetes cho đội phát triển ở Hải Phòng. '.repeat(3);
  const docs = Array.from({ length: DOCS }, (_, i): Thread => ({
    _id: new ObjectId(),
    slug: `thread-${i}`,
    title: `Thread ${i}`,
    body,
    hidden: i % 10 === 0,
    // Pairs of threads share a timestamp, so the _id tie-break matters.
    lastActivityAt: new Date(START - Math.floor(i / 2) * 1000),
    replies: i % 37,
  }));
  for (let i = 0; i < docs.length; i += 5000) await threads.insertMany(docs.slice(i, i + 5000));
}

/** Accumulates wall time over sequential calls of `op`. */
function timer(op: (i: number) => Promise<unknown>) {
  let total = 0;
  let count = 0;
  return {
    async run(times: number): Promise<void> {
      const started = process.hrtime.bigint();
      for (let i = 0; i < times; i++) await op(count + i);
      total += Number(process.hrtime.bigint() - started) / 1e6;
      count += times;
    },
    reset(): void {
      total = 0;
      count = 0;
    },
    msPerOp: (): number => total / count,
  };
}

if (process.argv[1]?.endsWith('embedded-index-order.bench.ts')) await benchEmbeddedIndexOrder();
