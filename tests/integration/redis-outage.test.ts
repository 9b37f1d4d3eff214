import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryModel } from '../../src/domain/notifications/delivery.model.js';
import { noticeModel } from '../../src/domain/notices/notice.model.js';
import { openQueue, QUEUE_NAMES } from '../../jobs/queues.js';
import { SCHEDULED_TASKS } from '../../jobs/schedules.js';
import { findOnPath, freePort, redisAnswers } from '../../src/redis/redis-availability.js';
import { startService } from '../../src/service.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { createCategory, must, noRateLimits } from '../support/forum.js';
import { testApiAround, testConfig, type TestApi } from '../support/service.js';

const redisServer = findOnPath('redis-server');

/** A redis-server of this test's own on a fixed port, so it can be killed and started again there. */
async function startPrivateRedis(port: number): Promise<ChildProcess> {
  const child = spawn(redisServer as string, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(`redis://127.0.0.1:${port}`, 300))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Polls until `probe` returns something truthy, or fails after `ms`. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// No request may hang: a generous bound, far above the 1 s the answers are meant to take.
const HANG = 5_000;

describe.skipIf(!redisServer)('a Redis outage under a running service', () => {
  let port: number;
  let redis: ChildProcess | undefined;
  let api: TestApi;
  const log = capturingLogger();
  const timings: Record<string, number> = {};

  /** fetch() that fails instead of hanging, and remembers how long the answer took. */
  async function timed(label: string, path: string, init: RequestInit & { token?: string; lang?: string } = {}) {
    const headers: Record<string, string> = { 'accept-language': init.lang ?? 'en', 'content-type': 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const started = performance.now();
    const res = await fetch(`${api.url}${path}`, { ...init, headers, signal: AbortSignal.timeout(HANG) });
    const body = (await res.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- shapes asserted below
    timings[label] = Math.round(performance.now() - started);
    return { status: res.status, body, headers: res.headers };
  }

  beforeAll(async () => {
    port = await freePort();
    redis = await startPrivateRedis(port);
    const service = await startService(testConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, ...noRateLimits }), log.logger, { roles: ['api', 'worker'] });
    api = testApiAround(service, { dropDatabase: true });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await kill(redis);
    // Figures for the report; the test asserts no timing beyond "did not hang".
    console.info('redis outage answer times (ms):', JSON.stringify(timings));
  }, 60_000);

  it('keeps serving reads, refuses queue writes with 503, names Redis on /readyz, and resumes when Redis returns', async () => {
    const admin = await api.tokenFor(['admin']);
    const member = await api.tokenFor([]);
    const categoryId = await createCategory(api, admin);
    const dead = await deliveryModel(api.service.connection).create({
      noticeId: `outage-${String(new Types.ObjectId())}`, userId: new Types.ObjectId(), channel: 'telegram',
      address: '42', status: 'dead', notBefore: new Date(), attempts: 8,
    });
    expect((await api.call('GET', '/requests')).status).toBe(200);
    await eventually('the actor cache subscribed', async () => api.service.actorCache.active);

    await kill(redis);

    const notReady = await eventually('readyz to notice', async () => {
      const res = await timed('readyz_down', '/readyz');
      return res.status === 503 && res;
    });
    expect(notReady.body.error).toMatchObject({ code: 'service.not_ready', details: { checks: { mongodb: 'ok' }, failed: ['redis'] } });
    expect(notReady.body.error.message).toContain('redis');
    // Long enough for the notice relay, the reconciler and every reconnect backoff to run into
    // the outage (the relay passes each second), not a wait for something not to happen.
    const downSince = Date.now();
    await eventually('the outage to span a few relay passes', async () => Date.now() - downSince > 3_000);

    // Reads that need no Redis are served, anonymous or signed in, by the in-process limiter.
    for (let i = 0; i < 5; i += 1) expect((await timed('anonymous_read', `/api/v1/requests?limit=${i + 1}`)).status).toBe(200);
    expect((await timed('signed_in_read', '/api/v1/requests', { token: member })).status).toBe(200);
    expect(log.count(/rate limiting falls back to this process/)).toBe(1);
    // While invalidations cannot be heard, no token's answer is kept.
    expect(api.service.actorCache.active).toBe(false);

    // A write that needs the queue now: refused, in the caller's language, with nothing changed.
    const refused = await timed('queue_write_503', `/api/v1/admin/deliveries/${String(dead._id)}/retry`, { method: 'POST', token: admin });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body).toEqual({
      error: { code: 'dependency_unavailable', message: expect.stringContaining('Redis'), details: { dependency: 'redis', retryAfterSeconds: expect.any(Number) } },
    });
    const inVietnamese = await timed('queue_write_503_vi', `/api/v1/admin/deliveries/${String(dead._id)}/retry`, { method: 'POST', token: admin, lang: 'vi' });
    expect(inVietnamese.body.error.message).not.toBe(refused.body.error.message);
    expect((await deliveryModel(api.service.connection).findById(dead._id).lean())?.status).toBe('dead');
    // Operators: the metrics scrape answers without the queue depths; the queue board's data says why it has none.
    const metrics = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${admin}` }, signal: AbortSignal.timeout(HANG) });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).not.toMatch(/^vnb_queue_jobs\{/m);
    const board = await timed('queue_board_503', '/admin/queues/api/queues', { token: admin });
    expect(board.status).toBe(503);
    expect(board.body.error).toMatchObject({ code: 'dependency_unavailable', details: { dependency: 'redis' } });

    // A write whose notice goes through the MongoDB outbox succeeds; the queue step waits.
    const thread = await timed('outbox_write', '/api/v1/forum/threads', {
      method: 'POST', token: member, body: JSON.stringify({ categoryId, title: 'Redis nghỉ', body: 'Vẫn viết được.', locale: 'vi' }),
    });
    expect(thread.status).toBe(201);
    const threadId = thread.body.id as string;

    redis = await startPrivateRedis(port);

    await eventually('readyz to be ready again', async () => (await fetch(`${api.url}/readyz`)).status === 200, 30_000);
    await eventually('the actor cache to subscribe again', async () => api.service.actorCache.active, 30_000);
    expect(await must(api.call('POST', `/admin/deliveries/${String(dead._id)}/retry`, { token: admin }), 200)).toMatchObject({ status: 'pending' });
    // The notice written during the outage is relayed and fanned out now.
    await eventually('the outage notice to be fanned out', async () => {
      const notice = await noticeModel(api.service.connection).findOne({ type: 'forum.thread_created', 'data.threadId': threadId }).lean();
      return notice?.fannedOutAt !== undefined;
    }, 30_000);
    // Rate limits are counted in Redis again, shared by every API process.
    const checker = new Redis(`redis://127.0.0.1:${port}`);
    try {
      await eventually('a rate-limit count in Redis', async () => {
        expect((await api.call('GET', '/requests?limit=7')).status).toBe(200);
        return (await checker.keys(`${api.service.queueSettings.prefix}:ratelimit:*`)).length > 0;
      });
    } finally {
      checker.disconnect();
    }
    expect(log.count(/rate limiting is counted in Redis again/)).toBe(1);
    // The restarted Redis came back empty: the recurring tasks are scheduled again.
    const schedules = openQueue(QUEUE_NAMES.schedules, api.service.queueSettings);
    try {
      await eventually('the job schedulers to be restored', async () => (await schedules.getJobSchedulersCount()) === SCHEDULED_TASKS.length);
    } finally {
      await schedules.close();
    }
  }, 120_000);
});

describe.skipIf(!redisServer)('a Redis that stops answering with its sockets open', () => {
  let redis: ChildProcess | undefined;
  let api: TestApi;
  const log = capturingLogger();
  const timings: number[] = [];

  beforeAll(async () => {
    const port = await freePort();
    redis = await startPrivateRedis(port);
    const service = await startService(testConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, ...noRateLimits }), log.logger, { roles: ['api'] });
    api = testApiAround(service, { dropDatabase: true });
  }, 60_000);

  afterAll(async () => {
    redis?.kill('SIGCONT');
    await api?.stop();
    await kill(redis);
    console.info('frozen redis answer times (ms):', JSON.stringify(timings));
  }, 60_000);

  it('serves anonymous reads from the in-process limiter instead of waiting, and counts in Redis again once it answers', async () => {
    expect((await api.call('GET', '/requests')).status).toBe(200);
    // A frozen process: connections stay open, nothing is answered (a partition looks the same).
    redis?.kill('SIGSTOP');
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      const res = await fetch(`${api.url}/api/v1/requests?limit=${i + 2}`, { signal: AbortSignal.timeout(HANG) });
      expect(res.status).toBe(200);
      timings.push(Math.round(performance.now() - started));
    }
    expect(log.count(/rate limiting falls back to this process/)).toBe(1);

    redis?.kill('SIGCONT');
    await eventually('rate limits counted in Redis again', async () => {
      expect((await api.call('GET', '/requests?limit=9')).status).toBe(200);
      return log.count(/rate limiting is counted in Redis again/) === 1;
    }, 30_000);
  }, 60_000);
});
