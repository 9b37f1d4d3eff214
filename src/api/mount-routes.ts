import { Router, type Request, type RequestHandler, type Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../domain/app-error.js';
import type { Actor } from '../domain/auth/api-token.service.js';
import type { DomainServices } from '../domain/domain-services.js';
import { hasRole } from '../domain/users/roles.js';
import { requestLocale } from './error-response.js';
import { Answer, TextAnswer, type Access, type RouteSpec } from './route-spec.js';
import { findOperatorKeys, InvalidInputError, parseInput } from './validation.js';

/** The actor the auth middleware found for this request, if any. */
export function actorOf(res: Response): Actor | null {
  return (res.locals.actor as Actor | undefined) ?? null;
}

/** "/requests/{id}" → "/requests/:id". */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

function authorize(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw new UnauthenticatedError('auth.required', 'Sign in with a bearer token.');
  if (access === 'user') return;
  if (!access.some((role) => hasRole(actor.roles, role))) {
    throw new ForbiddenError('auth.forbidden', 'Your roles do not allow this.', { needs: [...access] });
  }
}

function handlerFor(spec: RouteSpec<unknown, unknown, unknown, unknown, Access>, services: DomainServices): RequestHandler {
  return async (req: Request, res: Response) => {
    const actor = actorOf(res);
    authorize(spec.access, actor);
    const locale = actor?.locale && !req.get('accept-language') ? actor.locale : requestLocale(req);
    const operatorKeys = findOperatorKeys(req.body);
    if (operatorKeys.length > 0) {
      throw new InvalidInputError('request.operator_keys', 'Keys starting with $ are not allowed.', {
        paths: operatorKeys,
      });
    }
    const params = spec.params ? parseInput(spec.params, { ...req.params }, 'params', locale) : {};
    const query = spec.query ? parseInput(spec.query, { ...req.query }, 'query', locale) : {};
    const body = spec.body ? parseInput(spec.body, req.body ?? {}, 'body', locale) : undefined;
    const result = await spec.handle({ params, query, body, actor: actor as Actor, locale, services });
    if (result instanceof TextAnswer) {
      res.status(spec.success.status).type(result.contentType).attachment(result.filename).send(result.text);
      return;
    }
    const status = result instanceof Answer ? result.status : spec.success.status;
    const payload: unknown = result instanceof Answer ? result.body : result;
    if (status === 204) res.status(204).end();
    else res.status(status).json(payload);
  };
}

/** Mounts every route spec on a router; Express 5 forwards rejected promises to the error middleware. */
export function mountRoutes(specs: readonly RouteSpec<never, never, never, unknown, Access>[], services: DomainServices): Router {
  const router = Router();
  for (const spec of specs as readonly RouteSpec<unknown, unknown, unknown, unknown, Access>[]) {
    router[spec.method](expressPath(spec.path), handlerFor(spec, services));
  }
  return router;
}
