import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router } from 'express';
import type { ApiTokenService } from '../domain/auth/api-token.service.js';
import type { ServiceMetrics } from '../observability/service-metrics.js';
import { requireAdmin } from './operator-access.js';

/** Where the queue dashboard lives. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Operator pages, admins only: Prometheus metrics at /metrics and the Bull Board queue
 * dashboard at /admin/queues. Served by every process role, so each worker can be scraped.
 */
export function operatorRoutes(deps: { tokens: ApiTokenService; metrics: ServiceMetrics; queues: readonly Queue[] }): Router {
  const router = Router();
  const admin = requireAdmin(deps.tokens);
  router.get('/metrics', admin, async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board });
  router.use(QUEUE_BOARD_PATH, admin, board.getRouter() as Router);
  return router;
}
