/**
 * The one error type the domain throws. `code` is a stable identifier such as
 * `request.not_found`; adapters map it to an HTTP status or a localised bot reply.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or the caller may not know it exists). */
export class NotFoundError extends AppError {}

/** The caller did not say who they are, or the credential is not valid. */
export class UnauthenticatedError extends AppError {}

/** The caller is known but not allowed to do this. */
export class ForbiddenError extends AppError {}

/** The request conflicts with the current state (duplicate, illegal transition). */
export class ConflictError extends AppError {}

/** The input is well-formed but breaks a rule of the domain. */
export class ValidationError extends AppError {}

/**
 * Something this needs right now (the job queue in Redis) cannot be reached; nothing was changed.
 * `details.dependency` names it and `details.retryAfterSeconds` says when to try again.
 */
export class DependencyUnavailableError extends AppError {}

/** The caller has done this too often; `details.retryAfterSeconds` says when they may again. */
export class RateLimitedError extends AppError {}
