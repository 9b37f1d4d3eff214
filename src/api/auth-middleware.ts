import type { RequestHandler } from 'express';
import { UnauthenticatedError } from '../domain/app-error.js';
import type { ApiTokenService } from '../domain/auth/api-token.service.js';

/**
 * Reads "Authorization: Bearer <token>" and puts the actor in res.locals.actor.
 * No header = anonymous (routes decide); a header with a bad token = 401 at once.
 * Reads `services.tokens` per request, so services swapped in later (tests' clocks) apply.
 */
export function authenticate(services: { tokens: ApiTokenService }): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (!header) {
      next();
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match?.[1] ? await services.tokens.authenticate(match[1]) : null;
    if (!actor) throw new UnauthenticatedError('auth.invalid_token', 'The bearer token is not valid.');
    res.locals.actor = actor;
    next();
  };
}
