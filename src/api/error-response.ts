import type { Request, Response } from 'express';
import type {
  AppError} from '../domain/app-error.js';
import {
  ConflictError,
  DependencyUnavailableError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '../domain/app-error.js';
import { InvalidInputError } from './validation.js';
import { isMessageKey, preferredLocale, translate } from '../i18n/translate.js';
import type { Locale, MessageKey } from '../i18n/messages.js';

/** The JSON body of every error answer: {error:{code,message,details}}. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/**
 * The locale an answer to this request is written in: what Accept-Language prefers, else the
 * signed-in caller's own language, else English. Errors and results use the same one, so an
 * answer never mixes two languages.
 */
export function requestLocale(req: Request, res?: Response): Locale {
  const signedIn = (res?.locals as { actor?: { locale?: Locale } } | undefined)?.actor?.locale;
  return preferredLocale(req.get('accept-language')) ?? signedIn ?? 'en';
}

/** Sends an error answer whose message comes from the catalogue in the caller's language. */
export function sendError(
  req: Request,
  res: Response,
  status: number,
  code: MessageKey,
  params: Record<string, unknown> = {},
  details: Record<string, unknown> = {},
): void {
  const body: ErrorBody = { error: { code, message: translate(requestLocale(req, res), code, params), details } };
  res.status(status).json(body);
}

/** The one place where domain errors become HTTP statuses. */
export function statusForAppError(error: AppError): number {
  if (error instanceof InvalidInputError) return 400;
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof ConflictError) return 409;
  if (error instanceof ValidationError) return 422;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof DependencyUnavailableError) return 503;
  return 400;
}

/** Renders an AppError, localising its message when the catalogue knows its code. */
export function sendAppError(req: Request, res: Response, error: AppError): void {
  const message = isMessageKey(error.code) ? translate(requestLocale(req, res), error.code, error.details) : error.message;
  const body: ErrorBody = { error: { code: error.code, message, details: error.details } };
  const retryAfter = error.details.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
  res.status(statusForAppError(error)).json(body);
}
