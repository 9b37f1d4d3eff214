import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { pino } from 'pino';
import { noticeModel } from '../../src/domain/notices/notice.model.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath, startRedisChild, type RedisEndpoint } from '../../src/redis/redis-availability.js';
import { startService, type RunningService } from '../../src/service.js';
import { quietLogger, testConfig } from '../support/service.js';

describe('health and readiness', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService(testConfig(), quietLogger);
  });
  afterAll(async () => {
    await service.stop();
  });

  it('says it is alive on /healthz', async () => {
    const res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('says it is ready when MongoDB and Redis answer', async () => {
    const res = await fetch(`${service.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { mongodb: 'ok', redis: 'ok' } });
  });

  it('answers an unknown route with a 404 error body in the caller’s language', async () => {
    const res = await fetch(`${service.url}/nowhere`, { headers: { 'accept-language': 'vi-VN' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'route.not_found', message: 'Không tìm thấy đường dẫn GET /nowhere.', details: {} },
    });
  });

  it('answers a body that is not JSON with 400, not 500', async () => {
    const res = await fetch(`${service.url}/healthz`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('request.invalid_json');
  });

  it('answers an oversized body with 413 and the limit', async () => {
    const res = await fetch(`${service.url}/healthz`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(300 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('request.too_large');
  });
});

describe.skipIf(!findOnPath('redis-server'))('readiness when Redis goes away', () => {
  let redis: RedisEndpoint;
  let service: RunningService;
  beforeAll(async () => {
    redis = await startRedisChild(findOnPath('redis-server') as string, { logger: pino({ level: 'silent' }) });
    service = await startService(testConfig({ REDIS_URL: redis.url }), quietLogger, { roles: ['api'] });
  });
  afterAll(async () => {
    await service.stop();
    await redis.stop();
  });

  it('answers 503 naming Redis, while MongoDB still reports ok', async () => {
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    await redis.stop();
    const res = await fetch(`${service.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string; details: { checks: Record<string, string> } } };
    expect(body.error.code).toBe('service.not_ready');
    expect(body.error.message).toContain('redis');
    expect(body.error.details.checks.mongodb).toBe('ok');
    expect(body.error.details.checks.redis).not.toBe('ok');
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });
});

describe('a worker-only process', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService(testConfig(), quietLogger, { roles: ['worker'] });
  });
  afterAll(async () => {
    await service.connection.dropDatabase();
    await service.stop();
  });

  it('answers health probes but serves no API', async () => {
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${service.url}/api/v1/openapi.json`)).status).toBe(404);
  });

  it('relays pending notices to the fan-out queue by itself', async () => {
    const id = randomUUID();
    await noticeModel(service.connection).create({
      _id: id,
      type: 'request.closed',
      subject: { kind: 'request', id: new Types.ObjectId() },
      data: {},
      status: 'pending',
      createdAt: new Date(),
    });
    const deadline = Date.now() + 5000;
    let notice = await noticeModel(service.connection).findById(id).lean();
    while (notice?.fannedOutAt === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      notice = await noticeModel(service.connection).findById(id).lean();
    }
    expect(notice).toMatchObject({ status: 'dispatched', fannedOutAt: expect.any(Date) });
  });
});
