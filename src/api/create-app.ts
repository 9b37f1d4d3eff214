import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { DomainServices } from '../domain/domain-services.js';
import type { Logger } from '../log.js';
import type { Queue } from 'bullmq';
import type { ServiceMetrics } from '../observability/service-metrics.js';
import { AnonymousResponseCache } from './anonymous-cache.js';
import { operatorRoutes } from './operator.routes.js';
import { authenticate } from './auth-middleware.js';
import { errorHandler, notFoundHandler } from './error-middleware.js';
import { HEALTH_OPERATIONS, healthRoutes, type ReadinessCheck } from './health.routes.js';
import { mountRoutes } from './mount-routes.js';
import { CALENDAR_OPERATIONS, calendarRoutes } from './routes/events-calendar.routes.js';
import { buildOpenApiDocument } from './openapi.js';
import { rateLimiter, type RateLimitSettings } from './rate-limit.js';
import { apiRoutes } from './routes/index.js';

export interface AppDependencies {
  /** False in a worker-only process: it still answers /healthz and /readyz. */
  serveApi?: boolean;
  logger: Logger;
  readiness: Record<string, ReadinessCheck>;
  services: DomainServices;
  /** The rate limiter's own Redis connection (`rateLimitConnection`). */
  redis: Redis;
  http: { corsOrigins: string[]; rateLimit: RateLimitSettings; bodyLimitBytes: number; anonymousCacheMs: number };
  version: string;
  /** Metrics and the queues to show operators (/metrics, /admin/queues), and whether Redis answers now. */
  operations: { metrics: ServiceMetrics; queues: readonly Queue[]; queuesReachable?: () => boolean };
  /** Platform webhooks (Telegram), served in every role that runs the bots. */
  webhooks?: readonly { path: string; handler: RequestHandler[] }[];
}

/** Builds the Express application; the caller decides where it listens. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(healthRoutes(deps.readiness));
  // The access log is written at info; below that level pino-http would still build a child
  // logger and serialise every request for lines nobody writes (a sixth of a cached answer's cost).
  if (deps.logger.isLevelEnabled('info')) {
    app.use(
      pinoHttp({
        logger: deps.logger,
        // The liveness probe runs every few seconds; it would drown the log.
        autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      }),
    );
  }

  app.use(operatorRoutes({ tokens: deps.services.tokens, ...deps.operations }));
  for (const webhook of deps.webhooks ?? []) app.post(webhook.path, ...webhook.handler);

  if (deps.serveApi === false) {
    app.use(notFoundHandler);
    app.use(errorHandler(deps.logger));
    return app;
  }
  const openApi = buildOpenApiDocument(apiRoutes, deps.version, [...HEALTH_OPERATIONS, ...CALENDAR_OPERATIONS]);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  // Swagger UI needs inline scripts and styles; its own page gets a looser policy.
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApi, { customSiteTitle: 'VN Expert Bridge API' }));

  const api = express.Router();
  api.use(helmet());
  api.use(cors({ origin: deps.http.corsOrigins.length > 0 ? deps.http.corsOrigins : false }));
  api.use(express.json({ limit: deps.http.bodyLimitBytes }));
  api.use(authenticate(deps.services));
  api.use(rateLimiter(deps.redis, deps.http.rateLimit, deps.logger));
  const cache = new AnonymousResponseCache({ ttlMs: deps.http.anonymousCacheMs });
  api.use((req, res, next) => {
    // Whoever just changed something must see it on their next read, signed in or not.
    if (req.method !== 'GET' && req.method !== 'HEAD') res.on('finish', () => res.statusCode < 400 && cache.invalidate());
    next();
  });
  api.use(calendarRoutes(deps.services)); // ICS (not JSON); before the JSON routes, which would claim /events/x.ics
  api.use(mountRoutes(apiRoutes, deps.services, cache));
  app.use('/api/v1', api);

  app.use(express.json({ limit: deps.http.bodyLimitBytes }));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
