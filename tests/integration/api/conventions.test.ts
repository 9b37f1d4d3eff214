import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_OPERATIONS } from '../../../src/api/health.routes.js';
import { CALENDAR_OPERATIONS } from '../../../src/api/routes/events-calendar.routes.js';
import { apiRoutes } from '../../../src/api/routes/index.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('API conventions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_ANON_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('publishes an OpenAPI 3.1 document describing every route', async () => {
    const res = await fetch(`${api.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    // A path item may also carry `servers` (the probes at the root); only operations have an id.
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId).filter(Boolean));
    const plain = [...HEALTH_OPERATIONS, ...CALENDAR_OPERATIONS].map((op) => op.operationId);
    expect(operations.sort()).toEqual([...apiRoutes.map((route) => route.operationId), ...plain].sort());
    expect(doc.paths['/me']?.patch).toMatchObject({ requestBody: { required: true } });
  });

  it('serves interactive documentation at /docs', async () => {
    const res = await fetch(`${api.url}/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger-ui');
  });

  it('limits anonymous callers per IP with 429 and a Retry-After hint', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i += 1) {
      last = await api.call('GET', '/me');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last?.body.error.code).toBe('rate_limited');
    expect(last?.headers.get('ratelimit-policy')).toBeTruthy();
  });

  it('states the same wait in Retry-After and in the body of an anonymous 429', async () => {
    await api.call('GET', '/me');
    // Let the window age, so "the rest of the window" and "a whole window" are different numbers.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    let limited;
    for (let i = 0; i < 6 && limited === undefined; i += 1) {
      const answer = await api.call('GET', '/me');
      if (answer.status === 429) limited = answer;
    }
    expect(limited?.status).toBe(429);
    const header = Number(limited?.headers.get('retry-after'));
    expect(header).toBeGreaterThan(0);
    expect(header).toBeLessThan(60);
    expect(limited?.body.error.details.retryAfterSeconds).toBe(header);
    expect(limited?.body.error.message).toContain(String(header));
  });

  it('counts each token on its own, so one busy client does not block another', async () => {
    const busy = await api.tokenFor([]);
    const calm = await api.tokenFor([]);
    for (let i = 0; i < 5; i += 1) expect((await api.call('GET', '/me', { token: busy })).status).toBe(200);
    expect((await api.call('GET', '/me', { token: busy })).status).toBe(429);
    expect((await api.call('GET', '/me', { token: calm })).status).toBe(200);
  });

  it('sets security headers on API answers', async () => {
    const res = await fetch(`${api.url}/api/v1/me`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
