import { Router, type Request, type RequestHandler, type Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../domain/app-error.js';
import type { Actor } from '../domain/auth/api-token.service.js';
import type { DomainServices } from '../domain/domain-services.js';
import { hasRole } from '../domain/users/roles.js';
import type { AnonymousResponseCache } from './anonymous-cache.js';
import { requestLocale } from './error-response.js';
import { Answer, TextAnswer, type Access, type RouteSpec } from './route-spec.js';
import type { Locale } from '../i18n/messages.js';
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

type AnyRouteSpec = RouteSpec<unknown, unknown, unknown, unknown, Access>;

/** Runs the spec's handler on the request's parsed input: the status and payload it answers with. */
async function runHandler(spec: AnyRouteSpec, services: DomainServices, req: Request, actor: Actor | null, locale: Locale) {
  const params = spec.params ? parseInput(spec.params, { ...req.params }, 'params', locale) : {};
  const query = spec.query ? parseInput(spec.query, { ...req.query }, 'query', locale) : {};
  const body = spec.body ? parseInput(spec.body, req.body ?? {}, 'body', locale) : undefined;
  return spec.handle({ params, query, body, actor: actor as Actor, locale, services });
}

/** The shared answer anonymous callers get for this URL and language, from the short-lived cache. */
function sharedAnswer(cache: AnonymousResponseCache, spec: AnyRouteSpec, services: DomainServices, req: Request, locale: Locale) {
  return cache.answer(`${locale} ${req.originalUrl}`, async () => {
    const result = await runHandler(spec, services, req, null, locale);
    if (result instanceof TextAnswer) throw new Error(`${spec.operationId}: text answers are not cacheable`);
    return result instanceof Answer ? { status: result.status, payload: result.body } : { status: spec.success.status, payload: result };
  });
}

/** Public GET answers to anonymous callers come from the short-lived cache when it is on. */
async function sendFromCache(cache: AnonymousResponseCache, spec: AnyRouteSpec, services: DomainServices, req: Request, res: Response, locale: Locale) {
  const cached = await sharedAnswer(cache, spec, services, req, locale);
  res.status(cached.status).set('ETag', cached.etag).type('application/json').send(cached.body);
}

/** The shared answer with the signed-in caller's own part added (RouteSpec.sharedPlusOwn). */
async function sendSharedPlusOwn(cache: AnonymousResponseCache, spec: AnyRouteSpec, services: DomainServices, req: Request, res: Response, locale: Locale, actor: Actor) {
  const cached = await sharedAnswer(cache, spec, services, req, locale);
  const own = await spec.sharedPlusOwn?.addOwn(cached.payload, { actor, services });
  res.status(cached.status).json(own);
}

/** Whether this signed-in caller would get exactly what an anonymous caller gets (the route says so for this query). */
function sharedWithSignedIn(spec: AnyRouteSpec, req: Request, locale: Locale): boolean {
  if (!spec.sameForEveryone) return false;
  const query = spec.query ? parseInput(spec.query, { ...req.query }, 'query', locale) : {};
  return spec.sameForEveryone(query);
}

function handlerFor(spec: AnyRouteSpec, services: DomainServices, cache: AnonymousResponseCache | undefined): RequestHandler {
  const cacheable = cache?.enabled === true && spec.method === 'get' && spec.access === 'public' && spec.success.contentType === undefined;
  return async (req: Request, res: Response) => {
    const actor = actorOf(res);
    authorize(spec.access, actor);
    const locale = requestLocale(req, res);
    const operatorKeys = findOperatorKeys(req.body);
    if (operatorKeys.length > 0) {
      throw new InvalidInputError('request.operator_keys', 'Keys starting with $ are not allowed.', {
        paths: operatorKeys,
      });
    }
    if (cacheable && cache && (!actor || sharedWithSignedIn(spec, req, locale))) {
      await sendFromCache(cache, spec, services, req, res, locale);
      return;
    }
    if (cacheable && cache && actor && spec.sharedPlusOwn?.appliesTo(actor)) {
      await sendSharedPlusOwn(cache, spec, services, req, res, locale, actor);
      return;
    }
    const result = await runHandler(spec, services, req, actor, locale);
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
export function mountRoutes(
  specs: readonly RouteSpec<never, never, never, unknown, Access>[],
  services: DomainServices,
  cache?: AnonymousResponseCache,
): Router {
  const router = Router();
  // One sub-router per first path segment: a request is matched against the routes of its
  // own resource, not against all hundred of them in turn.
  const groups = new Map<string, Router>();
  for (const spec of specs as readonly AnyRouteSpec[]) {
    const [, first = '', ...rest] = spec.path.split('/');
    let group = groups.get(first);
    if (!group) {
      group = Router();
      groups.set(first, group);
      router.use(`/${first}`, group);
    }
    group[spec.method](expressPath(`/${rest.join('/')}`), handlerFor(spec, services, cache));
  }
  return router;
}
