import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../src/api/routes/index.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { requestInput } from '../../support/fixtures.js';
import { VALID_BODIES } from '../../support/request-bodies.js';
import { joinFirm } from '../../support/firms.js';

/**
 * Whatever arrives, the API answers below 500, and every 4xx carries {error:{code,message}}.
 * Each case is sent as a signed-in caller (the firm owner; an admin for role-gated routes,
 * so the body gets past authorization and is parsed) and once more anonymously.
 */

const RUNS_PER_ROUTE = 60;

interface World {
  owner: string;
  admin: string;
  firmId: string;
  requestId: string;
  draftId: string;
  expertId: string;
  introId: string;
  staffId: string;
  ownerId: string;
}

let api: TestApi;
let w: World;

interface Raw {
  status: number;
  text: string;
}

async function send(method: string, path: string, init: { token?: string; body?: string; contentType?: string } = {}): Promise<Raw> {
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  const res = await fetch(`${api.url}${path}`, { method: method.toUpperCase(), headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  return { status: res.status, text: await res.text() };
}

/** Throws (so fast-check shrinks and prints the seed) unless the answer is a well-formed non-5xx. */
function assertWellFormed(res: Raw, what: string): void {
  const fail = (why: string) => new Error(`${what} → ${res.status} ${why}: ${res.text.slice(0, 300)}`);
  if (res.status >= 500) throw fail('server error');
  if (res.status < 400) return;
  let body: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    throw fail('error answer is not JSON');
  }
  if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') throw fail('no error.code/message');
}

function validBody(operationId: string): Record<string, unknown> {
  const withIds: Record<string, Record<string, unknown>> = {
    inviteFirmMember: { userId: w.staffId, role: 'staff' },
    inviteExpert: { expertId: w.expertId, message: 'Please join us' },
    applyAsExhibitor: { firmId: w.firmId },
  };
  // Real ids first: the routes' examples name ids that do not exist here.
  const body = withIds[operationId] ?? VALID_BODIES[operationId];
  if (!body) throw new Error(`no valid body for ${operationId}: add one`);
  return body;
}

const EVIL_KEYS = ['$gt', '$where', '$ne', '$set', '__proto__', 'constructor', 'prototype', 'a.b', '', 'toString', 'hasOwnProperty'];

const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 5e-324, 2 ** 53, 1e21);
const longString = fc.integer({ min: 300, max: 50_000 }).map((n) => 'ẫ'.repeat(n));
const evilKey = fc.oneof(fc.constantFrom(...EVIL_KEYS), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const leaf = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.string({ unit: 'grapheme', maxLength: 40 }), longString, hugeNumber);
const { node } = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(evilKey, tie('node'), { maxKeys: 5 }),
  ),
}));
const deepNesting = fc.tuple(fc.integer({ min: 30, max: 3000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { $gt: value };
  return value;
});
/** (a) Anything JSON can say, serialised. */
const arbitraryJson = fc.oneof(fc.jsonValue(), node, deepNesting).map((v) => JSON.stringify(v) ?? 'null');
/** Texts JSON.stringify cannot produce: prototype keys as own keys, numbers beyond double range. */
const craftedJson = fc.constantFrom(
  '{"__proto__":{"roles":["admin"]},"name":"x"}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"hoursPerWeek":1e400}',
  '{"verified":true,"verified":"yes"}',
  '{"name":"\\ud800"}',
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const key = Array.isArray(value) ? Number(k) : k;
    return [[...prefix, key], ...pathsOf(v, [...prefix, key])];
  });
}

/** Applies `edit` to the parent of `path` in a copy of `body`; a path an earlier edit broke is skipped. */
function editAt(body: Record<string, unknown>, path: Path, edit: (parent: Record<string | number, unknown>, key: string | number) => void) {
  const copy = structuredClone(body);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : undefined;
  if (typeof parent === 'object' && parent !== null) edit(parent as Record<string | number, unknown>, path.at(-1) as string | number);
  return copy;
}

/** (b) A valid body with one to three things wrong: a field dropped, the wrong type, too long, one key too many. */
function mutationsOf(valid: Record<string, unknown>) {
  const paths = pathsOf(valid);
  const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.string()), fc.object(), hugeNumber);
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...paths) }),
    fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...paths), value: fc.oneof(wrongType, longString) }),
    fc.record({ kind: fc.constant('extra' as const), path: fc.constant([] as Path), key: evilKey, value: node }),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((edits) => {
    let body = valid;
    for (const m of edits) {
      body = editAt(body, m.kind === 'extra' ? [m.key] : m.path, (parent, key) => {
        if (m.kind === 'drop') delete parent[key];
        else Object.defineProperty(parent, key, { value: m.value, enumerable: true, writable: true, configurable: true });
      });
    }
    return JSON.stringify(body);
  });
}

function pathId(realIds: readonly string[]) {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...realIds), weight: 4 },
    fc.stringMatching(/^[0-9a-f]{24}$/),
    fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
    fc.constantFrom('..%2f', '..%2F..%2Fhealthz', '%2e%2e', '%00', 'null', '__proto__', 'constructor', 'ZZZZZZZZZZZZZZZZZZZZZZZZ'),
    fc.integer({ min: 100, max: 6000 }).map((n) => 'a'.repeat(n)),
  );
}

const cursorLike = fc
  .record({ k: fc.constantFrom('d', 'n', 's', 'x'), v: fc.oneof(fc.string(), fc.double(), hugeNumber), i: fc.string(), o: fc.integer() }, { requiredKeys: [] })
  .map((position) => Buffer.from(JSON.stringify(position)).toString('base64url'));
const queryValue = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('-1', '0', '1e9', 'NaN', 'true', '[]', '{}'), cursorLike);

function queryOf(keys: readonly string[]) {
  const key = fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 3 }, evilKey);
  return fc.array(fc.tuple(key, queryValue), { maxLength: 6 }).map((pairs) => {
    const search = new URLSearchParams(pairs).toString();
    return search ? `?${search}` : '';
  });
}

const fuzzed = apiRoutes.filter((r) => r.body || r.params || r.query);
type FuzzedRoute = (typeof fuzzed)[number];
/** Arbitraries draw operationIds, not route objects, so a counterexample prints short. */
const opsWhere = (keep: (r: FuzzedRoute) => unknown) => fc.constantFrom(...fuzzed.filter(keep).map((r) => r.operationId));
const routeOf = (op: string): FuzzedRoute => {
  const route = fuzzed.find((r) => r.operationId === op);
  if (!route) throw new Error(`no route ${op}`);
  return route;
};
const urlOf = (route: FuzzedRoute, id: string, userId: string, query = '') =>
  `/api/v1${route.path.replace('{id}', id).replace('{userId}', userId)}${query}`;
/** Role-gated routes are fuzzed as an admin, or the body would never get past authorization. */
const callerFor = (route: FuzzedRoute) => (Array.isArray(route.access) ? w.admin : w.owner);

describe('fuzzing: no input makes the API answer 5xx', () => {
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000' });
    w = await buildWorld();
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  for (const route of fuzzed) {
    it(`${route.operationId}: ${route.method.toUpperCase()} ${route.path}`, async () => {
      const realIds = [w.firmId, w.requestId, w.draftId, w.expertId, w.introId, w.staffId, w.ownerId];
      const queryKeys = route.query ? Object.keys((route.query as unknown as { shape: object }).shape) : ['q'];
      const body = route.body
        ? fc.oneof(arbitraryJson, craftedJson, mutationsOf(validBody(route.operationId)))
        : route.method === 'get'
          ? fc.constant(null) // fetch cannot send a body with GET
          : fc.option(arbitraryJson);
      const testCase = fc.record({ id: pathId(realIds), userId: pathId(realIds), query: queryOf(queryKeys), body });
      await fc.assert(
        fc.asyncProperty(testCase, async ({ id, userId, query, body: text }) => {
          const url = urlOf(route, id, userId, query);
          const init = text === null ? {} : { body: text };
          assertWellFormed(await send(route.method, url, { ...init, token: callerFor(route) }), `${route.method} ${url}`);
          assertWellFormed(await send(route.method, url, init), `anonymous ${route.method} ${url}`);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    });
  }

  it('answers 4xx to path ids that are not valid percent-encoding', async () => {
    const badIds = fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', 'a%');
    await fc.assert(
      fc.asyncProperty(opsWhere((r) => r.params), badIds, async (op, id) => {
        const route = routeOf(op);
        const url = urlOf(route, id, w.ownerId);
        assertWellFormed(await send(route.method, url, { token: callerFor(route) }), `${route.method} ${url}`);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
  });

  it('answers 400 to bodies that are not JSON at all', async () => {
    const notJson = fc.oneof(
      fc.constantFrom('{', '{"a":', "{'a':1}", 'NaN', 'undefined', '[1,2', '{"a":1}}', '\u0000', '"text"', '42', 'null'),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(notJson, opsWhere((r) => r.body), async (text, op) => {
        const route = routeOf(op);
        const url = urlOf(route, w.firmId, w.staffId);
        assertWellFormed(await send(route.method, url, { token: callerFor(route), body: text }), `${route.method} ${url} ${text}`);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
  });

  it('answers 4xx to JSON sent under another content type or charset', async () => {
    const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '',
      'application/merge-patch+json', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset=nope'];
    for (const contentType of types) {
      const res = await send('POST', '/api/v1/firms', { token: w.owner, body: JSON.stringify(VALID_BODIES.createFirm), contentType });
      assertWellFormed(res, `POST /api/v1/firms as "${contentType}"`);
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses a 300 KB body with 413', async () => {
    const body = JSON.stringify({ ...validBody('updateFirm'), description: { vi: 'x'.repeat(300 * 1024) } });
    const res = await send('PATCH', `/api/v1/firms/${w.firmId}`, { token: w.owner, body });
    assertWellFormed(res, 'PATCH /firms/{id} with 300 KB');
    expect(res.status).toBe(413);
  });

  it('is still alive afterwards, with Object.prototype unpolluted', async () => {
    expect((await send('GET', '/healthz')).status).toBe(200);
    // The service runs in this process, so a "__proto__" body that leaked would show here.
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('roles');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('admin');
  });
});

async function buildWorld(): Promise<World> {
  const must = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await api.call(method, path, { token, body });
    if (res.status >= 300) throw new Error(`setup ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const owner = await api.tokenFor([], 'Fuzz owner');
  const staff = await api.tokenFor([], 'Fuzz staff');
  const expert = await api.tokenFor([], 'Fuzz expert');
  const admin = await api.tokenFor(['admin'], 'Fuzz admin');
  const ownerId = (await must('GET', '/me', owner)).id;
  const staffId = (await must('GET', '/me', staff)).id;
  const firmId = (await must('POST', '/firms', owner, VALID_BODIES.createFirm)).id;
  await joinFirm(api, firmId, owner, staff);
  await must('PUT', `/firms/${firmId}/verification`, admin, { verified: true });
  const draftId = (await must('POST', `/firms/${firmId}/requests`, owner, requestInput)).id;
  const requestId = (await must('POST', `/firms/${firmId}/requests`, owner, requestInput)).id;
  await must('POST', `/requests/${requestId}/publish`, owner);
  const expertId = (await must('PUT', '/experts/me', expert, VALID_BODIES.putMyExpertProfile)).id;
  const introId = (await must('POST', `/requests/${requestId}/interest`, expert, {})).id;
  return { owner, admin, firmId, requestId, draftId, expertId, introId, staffId, ownerId };
}
