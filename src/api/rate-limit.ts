import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { actorOf } from './mount-routes.js';
import { sendError } from './error-response.js';

export interface RateLimitSettings {
  /** Requests per minute for a signed-in token. */
  perToken: number;
  /** Requests per minute for an anonymous client IP. */
  perIp: number;
  /** Redis key prefix, shared by every API process so limits hold across them. */
  keyPrefix: string;
}

/**
 * Limits requests per token, or per IP for anonymous callers, counted in Redis so that
 * every API process shares the count. Must run after authentication.
 */
export function rateLimiter(redis: Redis, settings: RateLimitSettings): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: (_req, res) => (actorOf(res) ? settings.perToken : settings.perIp),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const actor = actorOf(res);
      return actor?.tokenId ? `token:${String(actor.tokenId)}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    store: new RedisStore({
      prefix: `${settings.keyPrefix}:ratelimit:`,
      sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (req, res, _next, options) => {
      // The wait is until this caller's window resets, not a whole window; the header and the
      // body state the same number so a client obeying either waits the same time.
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(options.windowMs / 1000);
      res.set('Retry-After', String(retryAfter));
      sendError(req, res, 429, 'rate_limited', { seconds: retryAfter }, { retryAfterSeconds: retryAfter });
    },
  });
}
