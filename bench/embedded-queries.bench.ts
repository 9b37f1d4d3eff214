/**
 * The listing queries of GET /requests and GET /experts, straight through the driver against
 * the embedded server (no HTTP, no mongoose), so planner and matching costs show up alone.
 * Run: `node --import tsx bench/embedded-queries.bench.ts` (add --cpu-prof to profile).
 */
import { MongoClient, ObjectId, type Collection, type Document } from 'mongodb';
import { startEmbeddedMongo } from '../src/db/embedded/index.js';
import { opsPerSecond, printFigures, type Figure } from './report.js';

const REQUESTS = 50_000;
const EXPERTS = 5_000;
const SKILLS = ['kubernetes', 'go', 'react', 'python', 'rust', 'typescript', 'java', 'aws', 'spark', 'flutter'];

/** Sequential find() throughput for the two listing shapes, plus a second keyset page and an unindexed filter. */
export async function benchEmbeddedQueries(): Promise<void> {
  const server = await startEmbeddedMongo({ port: 0 });
  const client = await MongoClient.connect(server.uri, { maxPoolSize: 4 });
  try {
    const db = client.db('bench_queries');
    const requests = db.collection('requests');
    const experts = db.collection('experts');
    await seed(requests, experts);
    const page1 = await requests.find({ status: 'open' }).sort({ createdAt: -1, _id: -1 }).limit(21).toArray();
    const last = page1[19] as Document;
    const after = { $or: [{ createdAt: { $lt: last.createdAt } }, { createdAt: last.createdAt, _id: { $lt: last._id } }] };
    const ops = Number(process.env.BENCH_OPS ?? 300);
    const figures: Figure[] = [
      await figure('requests: status=open sort createdAt limit 21', ops, () =>
        requests.find({ status: 'open' }).sort({ createdAt: -1, _id: -1 }).limit(21).toArray()),
      await figure('requests: keyset page 2', ops, () =>
        requests.find({ $and: [{ status: 'open' }, after] }).sort({ createdAt: -1, _id: -1 }).limit(21).toArray()),
      await figure('requests: unindexed workMode, no sort, limit 21', ops, () =>
        requests.find({ workMode: 'remote' }).limit(21).toArray()),
      await figure('experts: skills $all sort updatedAt limit 21', ops, () =>
        experts.find({ skills: { $all: ['go', 'aws'] } }).sort({ updatedAt: -1, _id: -1 }).limit(21).toArray()),
      await figure('experts: skills=go sort updatedAt limit 21', ops, () =>
        experts.find({ skills: 'go' }).sort({ updatedAt: -1, _id: -1 }).limit(21).toArray()),
    ];
    printFigures(figures);
  } finally {
    await client.close();
    await server.stop();
  }
}

async function figure(name: string, ops: number, run: () => Promise<unknown>): Promise<Figure> {
  return { name, value: await opsPerSecond(ops, 1, run), unit: 'ops/s', baseline: 1_500 };
}

async function seed(requests: Collection, experts: Collection): Promise<void> {
  await requests.createIndexes([
    { key: { status: 1, createdAt: -1, _id: -1 } },
    { key: { firmId: 1, status: 1, createdAt: -1, _id: -1 } },
    { key: { firmId: 1 } },
    { key: { skillsMust: 1 } },
    { key: { skillsNice: 1 } },
  ]);
  await experts.createIndexes([
    { key: { skills: 1 } },
    { key: { languages: 1 } },
    { key: { country: 1 } },
    { key: { engagementTypes: 1 } },
    { key: { updatedAt: -1, _id: -1 } },
    { key: { userId: 1 }, unique: true },
  ]);
  const firmId = new ObjectId();
  const now = Date.now();
  const docs = Array.from({ length: REQUESTS }, (_, i) => ({
    firmId,
    title: { en: `Request ${i}` },
    skillsMust: [SKILLS[i % SKILLS.length] as string],
    skillsNice: [SKILLS[(i + 3) % SKILLS.length] as string],
    workMode: 'remote',
    status: i % 10 === 0 ? 'draft' : 'open',
    createdAt: new Date(now - i * 1000),
  }));
  for (let i = 0; i < docs.length; i += 5000) await requests.insertMany(docs.slice(i, i + 5000));
  await experts.insertMany(Array.from({ length: EXPERTS }, (_, i) => ({
    userId: new ObjectId(),
    skills: [SKILLS[i % SKILLS.length] as string, SKILLS[(i + 7) % SKILLS.length] as string],
    languages: ['vi', 'en'],
    updatedAt: new Date(now - i * 1000),
  })));
}

if (process.argv[1]?.endsWith('embedded-queries.bench.ts')) await benchEmbeddedQueries();
