import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../domain/app-error.js';
import type { ApiTokenService } from '../domain/auth/api-token.service.js';
import { hasRole } from '../domain/users/roles.js';
import { sendAppError, sendError } from './error-response.js';

/** The API token in "Bearer T", or in "Basic base64(anything:T)" so a browser's login prompt works. */
export function tokenFromAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) || undefined : undefined;
}

function refuse(req: Request, res: Response, status: 401 | 403, code: 'auth.required' | 'auth.invalid_token' | 'auth.forbidden'): void {
  // Browsers show a login prompt for this header: the password is an admin's API token.
  if (status === 401) res.set('WWW-Authenticate', 'Basic realm="VN Expert Bridge operators", charset="UTF-8"');
  sendError(req, res, status, code);
}

/** Lets only admins through, signed in with an API token (Bearer, or Basic with the token as password). */
export function requireAdmin(tokens: ApiTokenService): RequestHandler {
  return async (req, res, next) => {
    const token = tokenFromAuthorization(req.get('authorization'));
    if (!token) {
      refuse(req, res, 401, 'auth.required');
      return;
    }
    try {
      const actor = await tokens.authenticate(token);
      if (!actor) refuse(req, res, 401, 'auth.invalid_token');
      else if (!hasRole(actor.roles, 'admin')) refuse(req, res, 403, 'auth.forbidden');
      else next();
    } catch (error) {
      if (error instanceof AppError) sendAppError(req, res, error);
      else throw error;
    }
  };
}
