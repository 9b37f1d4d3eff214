import { Router } from 'express';
import { sendError } from './error-response.js';
import type { PlainOperation } from './openapi.js';

/** The probes as the OpenAPI document describes them (they answer at the server root). */
export const HEALTH_OPERATIONS: readonly PlainOperation[] = [
  {
    method: 'get', path: '/healthz', root: true, operationId: 'getLiveness', tag: 'Health',
    summary: 'Liveness: the process is running', description: 'Public. Never touches MongoDB or Redis.',
    success: { status: 200, description: '{"status":"ok"}', contentType: 'application/json', schema: { type: 'object', properties: { status: { const: 'ok' } } } },
    errors: [],
  },
  {
    method: 'get', path: '/readyz', root: true, operationId: 'getReadiness', tag: 'Health',
    summary: 'Readiness: MongoDB and Redis answer', description: 'Public. 503 (service.not_ready) lists the dependencies that did not answer (redis, mongodb) in details.failed, with each one\'s answer in details.checks.',
    success: { status: 200, description: '{"status":"ready","checks":{…}}', contentType: 'application/json', schema: { type: 'object', properties: { status: { const: 'ready' }, checks: { type: 'object' } } } },
    errors: [503],
  },
];

/** A readiness probe: resolves when the dependency answers, rejects otherwise. */
export type ReadinessCheck = () => Promise<void>;

const CHECK_TIMEOUT_MS = 1500;

async function runCheck(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz: the process is alive. GET /readyz: 200 only when every dependency
 * answers, else 503 naming the ones that did not (so a load balancer can hold traffic).
 */
export function healthRoutes(checks: Record<string, ReadinessCheck>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => runCheck(checks[name] as ReadinessCheck)));
    const report = Object.fromEntries(names.map((name, i) => [name, results[i]]));
    const failed = names.filter((_, i) => results[i] !== 'ok');
    if (failed.length === 0) {
      res.json({ status: 'ready', checks: report });
      return;
    }
    sendError(req, res, 503, 'service.not_ready', { failed: failed.join(', ') }, { checks: report, failed });
  });
  return router;
}
