import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/service.js';
import { noRateLimits } from '../../support/forum.js';

type Operation = {
  operationId: string;
  parameters?: { $ref?: string; name?: string; in?: string; schema?: { enum?: unknown[]; pattern?: string; type?: string } }[];
  requestBody?: { content: { 'application/json': { example?: unknown } } };
};
type Document = { servers: { url: string }[]; paths: Record<string, Record<string, Operation> & { servers?: { url: string }[] }> };

const SOME_ID = '665f1c2e8b3e4a0012345678';

/** A value the path parameter's schema accepts, so the request gets as far as its body. */
function paramValue(schema: { enum?: unknown[]; pattern?: string } | undefined): string {
  if (schema?.enum?.length) return String(schema.enum[0]);
  return SOME_ID;
}

describe('OpenAPI document', () => {
  let api: TestApi;
  let doc: Document;

  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    doc = (await (await fetch(`${api.url}/api/v1/openapi.json`)).json()) as Document;
  });
  afterAll(async () => {
    await api.stop();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ path, method, op: op as Operation, root: Boolean(item.servers) })),
    );

  it('describes the calendar files and the health probes, and each answers where the document says', async () => {
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/events/{id}.ics', '/calendar/{secret}.ics', '/healthz', '/readyz']));
    for (const { path, root } of operations().filter((o) => o.path.endsWith('.ics') || o.path.endsWith('z'))) {
      const url = `${api.url}${root ? '' : doc.servers[0]?.url}${path.replace('{id}', SOME_ID).replace('{secret}', 'not-a-secret')}`;
      const res = await fetch(url);
      // 404 JSON for the unknown event and feed: the route exists and answered, not the catch-all.
      expect([200, 404], `${path}`).toContain(res.status);
      if (res.status === 404) expect(((await res.json()) as { error: { code: string } }).error.code).not.toBe('route.not_found');
    }
  });

  it('declares the Accept-Language header on every operation', () => {
    for (const { path, method, op } of operations()) {
      expect(op.parameters?.some((p) => p.$ref === '#/components/parameters/AcceptLanguage'), `${method} ${path}`).toBe(true);
    }
  });

  it('gives every request body an example that the live API accepts as valid input', async () => {
    const everyRole = await api.tokenFor(['admin', 'organiser', 'moderator', 'expert'], 'Quản trị');
    const withBodies = operations().filter((o) => o.op.requestBody);
    expect(withBodies.length).toBeGreaterThan(40);
    for (const { path, method, op } of withBodies) {
      const example = op.requestBody?.content['application/json'].example;
      expect(example, `example for ${op.operationId}`).toBeDefined();
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => paramValue(op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema));
      const res = await api.call(method.toUpperCase(), url, { token: everyRole, body: example });
      // Not found, conflicts or rules of the domain may follow; a complaint about the body may not.
      const issues = (res.body?.error?.details?.issues ?? []) as { path: string }[];
      expect(res.status, `${op.operationId}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      expect(issues.filter((i) => i.path.startsWith('body')), `${op.operationId}: ${JSON.stringify(issues)}`).toEqual([]);
      expect(res.body?.error?.code, op.operationId).not.toBe('request.invalid');
    }
  });
});
