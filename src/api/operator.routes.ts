import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router, type RequestHandler } from 'express';
import type { ApiTokenService } from '../domain/auth/api-token.service.js';
import type { ServiceMetrics } from '../observability/service-metrics.js';
import { requireAdmin } from './operator-access.js';
import { sendError } from './error-response.js';

/** Where the queue dashboard lives. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Operator pages, admins only: Prometheus metrics at /metrics and the Bull Board queue
 * dashboard at /admin/queues. Served by every process role, so each worker can be scraped.
 */
export function operatorRoutes(deps: { tokens: ApiTokenService; metrics: ServiceMetrics; queues: readonly Queue[]; queuesReachable?: () => boolean }): Router {
  const router = Router();
  const admin = requireAdmin(deps.tokens);
  router.get('/metrics', admin, async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board });
  router.use(QUEUE_BOARD_PATH, admin, refuseWhileUnreachable(deps.queuesReachable ?? (() => true)), board.getRouter() as Router);
  return router;
}

// Long enough for Redis to come back from a restart.
const BOARD_RETRY_AFTER_SECONDS = 5;

/** The board's page loads without Redis; its data calls would wait for it, so they answer 503 at once instead. */
function refuseWhileUnreachable(reachable: () => boolean): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith('/api/') || reachable()) {
      next();
      return;
    }
    const retryAfterSeconds = BOARD_RETRY_AFTER_SECONDS;
    res.set('Retry-After', String(retryAfterSeconds));
    sendError(req, res, 503, 'dependency_unavailable', { retryAfterSeconds }, { dependency: 'redis', retryAfterSeconds });
  };
}
