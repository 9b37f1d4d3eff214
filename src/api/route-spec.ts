import type { z } from 'zod';
import type { Actor } from '../domain/auth/api-token.service.js';
import type { Role } from '../domain/users/roles.js';
import type { Locale } from '../i18n/messages.js';
import type { DomainServices } from '../domain/domain-services.js';

/** Who may call a route: anyone, any signed-in user, or holders of one of the roles. */
export type Access = 'public' | 'user' | readonly Role[];

/** What a handler receives: parsed input (defaults and coercions applied), the actor, the services. */
export interface RouteContext<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  actor: A extends 'public' ? Actor | null : Actor;
  locale: Locale;
  services: DomainServices;
}

/** A handler may answer with a status other than the route's default, e.g. 201 vs 200. */
export class Answer<R> {
  constructor(
    readonly status: number,
    readonly body: R,
  ) {}
}

/** A text answer that is not JSON (a CSV file): sent as is, with its media type and a download name. */
export class TextAnswer {
  constructor(
    readonly contentType: string,
    readonly text: string,
    readonly filename: string,
  ) {}
}

/**
 * One API operation, declared once: Express mounts it, the OpenAPI document describes it,
 * and the same zod schemas validate its input.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown, A extends Access = Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path under /api/v1, e.g. "/requests/{id}". */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: A;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** A request body this route accepts, shown in the OpenAPI document (every body route has one). */
  example?: Record<string, unknown>;
  /** Status and schema of the successful answer. 204 routes have no schema. */
  success: { status: number; description: string; schema?: z.ZodType<R>; /** Media type when the handler returns a TextAnswer. */ contentType?: string };
  /** Error codes this route can answer with besides the common ones (400, 401, 403, 429). */
  errors?: readonly number[];
  /**
   * For a public GET whose answer (for this query) does not depend on who asks: signed-in
   * callers are then served the shared short-lived answers anonymous callers get, instead of
   * computing the same page again for each of them.
   */
  sameForEveryone?(query: Q): boolean;
  /**
   * For a public GET whose answer to a signed-in caller is the shared one plus something of
   * their own (the forum's unread counts): callers `appliesTo` accepts get the shared
   * short-lived answer with `addOwn` applied, instead of a page computed for them alone.
   * `addOwn` reads the caller's part fresh each time and must not mutate `shared`.
   */
  sharedPlusOwn?: {
    appliesTo(actor: Actor): boolean;
    addOwn(shared: R, ctx: { actor: Actor; services: DomainServices }): Promise<R>;
  };
  handle(ctx: RouteContext<P, Q, B, A>): Promise<R | Answer<R> | TextAnswer>;
}

/** Declares a route with its types inferred from the schemas. */
export function defineRoute<P, Q, B, R, A extends Access>(spec: RouteSpec<P, Q, B, R, A>): RouteSpec<P, Q, B, R, A> {
  return spec;
}

/** Wraps a body with a status, for handlers whose answer status varies. */
export function answer<R>(status: number, body: R): Answer<R> {
  return new Answer(status, body);
}
