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
import { loadRoute, printLoadTable } from './http-load.js';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';

const REQUESTS = 50_000;
const EXPERTS = 5_000;
const SKILLS = ['kubernetes', 'go', 'react', 'python', 'rust', 'typescript', 'java', 'aws', 'spark', 'flutter'];

/** The API routes under load, anonymous (shared short-lived answers) and signed in (computed every time), beside a bare Express JSON route. */
export async function benchApi(): Promise<void> {
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
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
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
    const user = await service.services.users.create({ displayName: 'bench', roles: [], locale: 'en' });
    const signedIn = { authorization: `Bearer ${(await service.services.tokens.issue(user._id, { name: 'bench' })).token}` };
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/bare`;
    // The load generator runs in this process too: warm it (and the bare route) up first, or
    // the reference would carry its start-up cost and flatter every ratio.
    await loadRoute('warm-up', bareUrl, { seconds: 2 });
    const reference = await loadRoute('bare Express JSON', bareUrl);
    const api = `${service.url}/api/v1`;
    const routes: [string, string][] = [
      [`GET /requests (${REQUESTS / 1000}k)`, '/requests?limit=20'],
      [`GET /experts?skills=go,aws (${EXPERTS / 1000}k)`, '/experts?skills=go,aws&limit=20'],
      [`GET /forum/threads (${THREADS / 1000}k)`, '/forum/threads?limit=20'],
      [`GET /forum/threads?q=da nang (${THREADS / 1000}k)`, '/forum/threads?q=da%20nang&limit=20'],
    ];
    const results = [];
    for (const [name, path] of routes) {
      results.push(await loadRoute(`${name}, anonymous`, `${api}${path}`));
      results.push(await loadRoute(`${name}, signed in`, `${api}${path}`, { headers: signedIn }));
    }
    console.log(`MongoDB: ${process.env.MONGODB_URI ? 'MONGODB_URI' : 'embedded (in-process)'}; anonymous answers shared for ${config.api.anonymousCacheMs} ms`);
    printLoadTable(reference, results, { ratio: 0.5, p99Ms: 50 });
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
