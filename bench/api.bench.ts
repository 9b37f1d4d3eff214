import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { foldForSearch } from '../src/domain/shared/fold-text.js';
import { forumThreadModel } from '../src/domain/forum/forum-thread.model.js';
import { expertModel } from '../src/domain/experts/expert.model.js';
import { requestModel } from '../src/domain/requests/request.model.js';
import { startService } from '../src/service.js';
import { loadRoute, printLoadTable, type LoadResult, type LoadTarget } from './http-load.js';
import { startServerProcess } from './embedded-server-process.js';
import type { Role } from '../src/domain/users/roles.js';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';

const REQUESTS = 50_000;
const EXPERTS = 5_000;
const SKILLS = ['kubernetes', 'go', 'react', 'python', 'rust', 'typescript', 'java', 'aws', 'spark', 'flutter'];

/** The targets: anonymous reads at half the bare route, signed-in reads at 40%, a signed-in forum search at 25%. */
const ANONYMOUS: LoadTarget = { ratio: 0.5, p99Ms: 50 };
const SIGNED_IN: LoadTarget = { ratio: 0.4, p99Ms: 50 };
const SIGNED_IN_SEARCH: LoadTarget = { ratio: 0.25, p99Ms: 50 };

/**
 * The API routes under load, anonymous (shared short-lived answers) and signed in, beside a
 * bare Express JSON route. `BENCH_API_ONLY=forum` runs only the routes whose name contains
 * it; `BENCH_API_MONGODB=process` runs the embedded server in its own process.
 */
export async function benchApi(): Promise<void> {
  const server = process.env.BENCH_API_MONGODB === 'process' ? await startServerProcess() : null;
  try {
    await benchApiAgainst(server?.uri ?? process.env.MONGODB_URI, server ? 'embedded (own process)' : undefined);
  } finally {
    await server?.stop();
  }
}

async function benchApiAgainst(mongodbUri: string | undefined, mongodbName?: string): Promise<void> {
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    EMBEDDED_MONGO_PERSIST: 'false',
    REDIS_KEY_PREFIX: prefix,
    MONGODB_DB: prefix,
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_ANON_PER_MINUTE: '1000000',
    ...(mongodbUri ? { MONGODB_URI: mongodbUri } : {}),
  });
  const service = await startService(config, pino({ level: 'silent' }), { roles: ['api'] });
  const bare = express();
  const sample = { items: Array.from({ length: 20 }, (_, i) => ({ id: i, title: 'x'.repeat(60) })), nextCursor: null };
  bare.get('/bare', (_req, res) => {
    res.json(sample);
  });
  const bareServer = bare.listen(0, '127.0.0.1');
  await once(bareServer, 'listening');
  try {
    await seed(service.connection);
    await seedThreads(service.connection);
    const bearer = async (roles: Role[]) => {
      const user = await service.services.users.create({ displayName: `bench ${roles.join('+')}`, roles, locale: 'en' });
      return { authorization: `Bearer ${(await service.services.tokens.issue(user._id, { name: 'bench' })).token}` };
    };
    const signedIn = await bearer([]);
    // Moderators also see hidden threads, so their forum pages are still computed for each call:
    // what every signed-in reader's were before the shared page. Shown beside it for comparison.
    const moderator = await bearer(['moderator']);
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/bare`;
    // The load generator runs in this process too: warm it (and the bare route) up first, or
    // the reference would carry its start-up cost and flatter every ratio.
    await loadRoute('warm-up', bareUrl, { seconds: 2 });
    const reference = await loadRoute('bare Express JSON', bareUrl);
    const api = `${service.url}/api/v1`;
    const routes: { name: string; path: string; signedIn: LoadTarget; forum?: boolean }[] = [
      { name: `GET /requests (${REQUESTS / 1000}k)`, path: '/requests?limit=20', signedIn: SIGNED_IN },
      { name: `GET /experts?skills=go,aws (${EXPERTS / 1000}k)`, path: '/experts?skills=go,aws&limit=20', signedIn: SIGNED_IN },
      { name: `GET /forum/threads (${THREADS / 1000}k)`, path: '/forum/threads?limit=20', signedIn: SIGNED_IN, forum: true },
      { name: `GET /forum/threads?q=da nang (${THREADS / 1000}k)`, path: '/forum/threads?q=da%20nang&limit=20', signedIn: SIGNED_IN_SEARCH, forum: true },
    ];
    // The first text search builds the inverted index (about 2 s for 100k threads): not what is measured.
    await fetch(`${api}/forum/threads?q=warm&limit=1`);
    const only = process.env.BENCH_API_ONLY;
    const results: LoadResult[] = [];
    for (const route of routes.filter((r) => !only || r.name.includes(only))) {
      const url = `${api}${route.path}`;
      results.push(await loadRoute(`${route.name}, anonymous`, url));
      results.push({ ...(await loadRoute(`${route.name}, signed in`, url, { headers: signedIn })), target: route.signedIn });
      if (route.forum) results.push({ ...(await loadRoute(`${route.name}, moderator (per call)`, url, { headers: moderator })), target: null });
    }
    const mongodb = mongodbName ?? (mongodbUri ? 'MONGODB_URI' : 'embedded (in-process)');
    console.log(`MongoDB: ${mongodb}; anonymous answers shared for ${config.api.anonymousCacheMs} ms`);
    printLoadTable(reference, results, ANONYMOUS);
  } finally {
    bareServer.close();
    await service.connection.dropDatabase();
    await service.stop();
  }
}

const THREADS = 100_000;
const PLACES = ['Hà Nội', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ', 'Huế', 'Berlin', 'San Jose', 'Tokyo'];

export async function seedThreads(connection: Parameters<typeof forumThreadModel>[0]): Promise<void> {
  const categoryId = new Types.ObjectId();
  const now = Date.now();
  for (let start = 0; start < THREADS; start += 5000) {
    const batch = Array.from({ length: 5000 }, (_, k) => {
      const i = start + k;
      const title = `Kubernetes ở ${PLACES[i % PLACES.length]} #${i}`;
      const body = `Chúng tôi tìm chuyên gia ${SKILLS[i % SKILLS.length]} cho dự án công nghệ.`;
      const at = new Date(now - i * 1000);
      return {
        categoryId,
        authorId: categoryId,
        title,
        body,
        tags: [SKILLS[i % SKILLS.length] as string],
        locale: 'vi',
        replyCount: 0,
        lastActivityAt: at,
        pinned: false,
        locked: false,
        hidden: false,
        revision: 0,
        reactions: { like: 0, insightful: 0, thanks: 0 },
        searchText: foldForSearch(`${title} ${body}`),
        outbox: [],
        createdAt: at,
        updatedAt: at,
      };
    });
    await forumThreadModel(connection).collection.insertMany(batch);
  }
}

export async function seed(connection: Parameters<typeof requestModel>[0]): Promise<void> {
  const firmId = new Types.ObjectId();
  const now = Date.now();
  const requests = Array.from({ length: REQUESTS }, (_, i) => ({
    firmId,
    createdBy: firmId,
    title: { en: `Request ${i}`, vi: `Yêu cầu ${i}` },
    body: { en: 'We need help with a migration.' },
    skillsMust: [SKILLS[i % SKILLS.length] as string],
    skillsNice: [SKILLS[(i + 3) % SKILLS.length] as string],
    engagementType: 'remote_consulting',
    workMode: 'remote',
    languages: ['vi', 'en'],
    timezoneWindow: { timezone: 'Asia/Ho_Chi_Minh', startHour: 8, endHour: 17 },
    status: i % 10 === 0 ? 'draft' : 'open',
    createdAt: new Date(now - i * 1000),
    searchText: `request ${i}`,
    outbox: [],
  }));
  for (let i = 0; i < requests.length; i += 5000) {
    await requestModel(connection).collection.insertMany(requests.slice(i, i + 5000));
  }
  const experts = Array.from({ length: EXPERTS }, (_, i) => ({
    userId: new Types.ObjectId(),
    headline: `Expert ${i}`,
    bio: {},
    skills: [SKILLS[i % SKILLS.length] as string, SKILLS[(i + 7) % SKILLS.length] as string],
    languages: ['vi', 'en'],
    country: 'DE',
    timezone: 'Europe/Berlin',
    engagementTypes: ['remote_consulting'],
    availability: 'available',
    searchText: `expert ${i}`,
    createdAt: new Date(now - i * 1000),
    updatedAt: new Date(now - i * 1000),
  }));
  await expertModel(connection).collection.insertMany(experts);
}
