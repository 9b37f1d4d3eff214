import type { z } from 'zod';
import { ValidationError } from '../domain/app-error.js';
import { NOT_VISIBLE_KEY } from '../domain/shared/person-text.js';
import type { Locale } from '../i18n/messages.js';
import { describeIssue, safeParseIn } from '../i18n/zod-messages.js';

/** Raised for input that does not fit a route's schema; answered as 400 with every issue listed. */
export class InvalidInputError extends ValidationError {}

export interface InputIssue {
  /** Where: "body.skills.2", "query.limit". */
  path: string;
  message: string;
  code: string;
}

/**
 * Parses one part of a request with zod, in the caller's language. Schema messages written
 * as catalogue keys (e.g. "validation.clock_time") are translated too.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, where: string, locale: Locale): T {
  const result = safeParseIn(schema, value, locale);
  if (result.success) return result.data;
  const issues: InputIssue[] = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: describeIssue(issue, locale),
    code: issue.code,
  }));
  // Well-formed text that shows nothing breaks a content rule rather than the format: 422.
  if (result.error.issues.every((issue) => issue.code === 'custom' && issue.message === NOT_VISIBLE_KEY)) {
    throw new ValidationError(NOT_VISIBLE_KEY, 'The text has only invisible characters.', { issues });
  }
  throw new InvalidInputError('request.invalid', 'The request has invalid fields.', { issues });
}

/**
 * Finds object keys that MongoDB would read as operators ("$gt") or paths ("a.b").
 * Schemas already refuse unknown keys; this guard keeps a schema mistake from becoming a query.
 */
export function findOperatorKeys(value: unknown, path = 'body', depth = 0): string[] {
  if (depth > 20 || typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => findOperatorKeys(item, `${path}.${i}`, depth + 1));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
    ...(key.startsWith('$') ? [`${path}.${key}`] : []),
    ...findOperatorKeys(child, `${path}.${key}`, depth + 1),
  ]);
}
