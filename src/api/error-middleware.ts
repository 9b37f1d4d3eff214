import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../domain/app-error.js';
import type { Logger } from '../log.js';
import { sendAppError, sendError } from './error-response.js';

/** Answers 404 with the error body for any route nobody handled. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(req, res, 404, 'route.not_found', { method: req.method, path: req.path });
};

interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
}

/** Last middleware: known errors become 4xx answers; anything else is logged and answered 500 without details. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof AppError) {
      sendAppError(req, res, error);
      return;
    }
    const httpish = (typeof error === 'object' && error !== null ? error : {}) as HttpishError;
    if (httpish.type === 'entity.parse.failed') {
      sendError(req, res, 400, 'request.invalid_json');
      return;
    }
    if (httpish.type === 'entity.too.large') {
      sendError(req, res, 413, 'request.too_large', { limit: `${httpish.limit ?? 0} bytes` });
      return;
    }
    // Express and body-parser mark what they refuse (a bad %-escape in the path, an unknown
    // charset or content encoding) with a 4xx status: that is the caller's mistake, not ours.
    const status = httpish.status ?? httpish.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendError(req, res, status, 'request.malformed', {}, { reason: httpish.type ?? 'malformed' });
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error in HTTP request');
    sendError(req, res, 500, 'internal');
  };
}
