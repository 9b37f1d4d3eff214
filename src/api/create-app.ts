import express, { type Express } from 'express';
import type { Logger } from '../log.js';
import { errorHandler, notFoundHandler } from './error-middleware.js';
import { healthRoutes, type ReadinessCheck } from './health.routes.js';

export interface AppDependencies {
  logger: Logger;
  readiness: Record<string, ReadinessCheck>;
}

/** Builds the Express application; the caller decides where it listens. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: '256kb' }));
  app.use(healthRoutes(deps.readiness));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
