import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Logger } from '../log.js';
import { actorOf } from './mount-routes.js';
import { sendError } from './error-response.js';
import { RedisOrMemoryStore } from './rate-limit-store.js';

export interface RateLimitSettings {
  /** Requests per minute for a signed-in token. */
  perToken: number;
  /** Requests per minute for an anonymous client IP. */
  perIp: number;
  /** Redis key prefix, shared by every API process so limits hold across them. */
  keyPrefix: string;
}

/** The longest a rate check waits for Redis before counting in memory instead. */
export const RATE_LIMIT_REDIS_TIMEOUT_MS = 250;

/**
 * The limiter's own connection. The service's main connection queues commands while Redis is
 * away (the offline queue, with no retry limit) so publishers and the bots' form state ride out
 * a blip; a rate check must never wait like that. This one has no offline queue, so a check
 * fails at once while it is disconnected, and a command timeout, so a Redis that stops
 * answering on an open socket costs a request at most RATE_LIMIT_REDIS_TIMEOUT_MS. A health
 * flag alone would miss that second case; a timeout alone would make every request wait it out.
 */
export function rateLimitConnection(redis: Redis, keyPrefix: string): Redis {
  return redis.duplicate({
    lazyConnect: true,
    enableOfflineQueue: false,
    commandTimeout: RATE_LIMIT_REDIS_TIMEOUT_MS,
    connectionName: `${keyPrefix}:ratelimit`,
  });
}

/**
 * Sends one command. A timed-out command means Redis went silent with the socket still open
 * (a partition, a frozen process): reconnecting takes the connection out of 'ready' until
 * Redis really answers again, so the store's own retry and later requests skip Redis at once
 * instead of each waiting out the timeout.
 */
async function callOrReconnect(redis: Redis, command: string, args: string[]): Promise<RedisReply> {
  try {
    return (await redis.call(command, ...args)) as RedisReply;
  } catch (err) {
    if (err instanceof Error && /timed out/i.test(err.message) && redis.status === 'ready') redis.disconnect(true);
    throw err;
  }
}

/**
 * Limits requests per token, or per IP for anonymous callers, counted in Redis so that
 * every API process shares the count, or in this process while Redis is unreachable.
 * `redis` is the connection from `rateLimitConnection`. Must run after authentication.
 */
export function rateLimiter(redis: Redis, settings: RateLimitSettings, logger: Logger): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: (_req, res) => (actorOf(res) ? settings.perToken : settings.perIp),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const actor = actorOf(res);
      return actor?.tokenId ? `token:${String(actor.tokenId)}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    store: new RedisOrMemoryStore(
      new RedisStore({
        prefix: `${settings.keyPrefix}:ratelimit:`,
        sendCommand: (command: string, ...args: string[]) => callOrReconnect(redis, command, args),
      }),
      redis,
      logger,
    ),
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
