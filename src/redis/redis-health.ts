import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * Whether Redis answers right now, read from the service's main connection: ioredis marks it
 * 'ready' once Redis answered after (re)connecting, and leaves 'ready' as soon as the socket
 * closes. Callers that must not wait for Redis ask `up` instead of sending a command that
 * would sit in the offline queue. The outage is logged once when it starts and once when it ends.
 */
export class RedisHealth {
  private wasUp: boolean;

  private readonly listener = () => this.changed();
  private readonly returned = new Set<() => void>();

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {
    this.wasUp = redis.status === 'ready';
    redis.on('ready', this.listener);
    redis.on('close', this.listener);
  }

  /** True while the main connection is open and Redis answered on it. */
  get up(): boolean {
    return this.redis.status === 'ready';
  }

  /** Calls `listener` each time Redis answers again after an outage; returns how to stop. */
  onReturn(listener: () => void): () => void {
    this.returned.add(listener);
    return () => this.returned.delete(listener);
  }

  /** Stops watching (at shutdown, so closing the connection is not reported as an outage). */
  stop(): void {
    this.redis.off('ready', this.listener);
    this.redis.off('close', this.listener);
  }

  private changed(): void {
    const up = this.up;
    if (up === this.wasUp) return;
    this.wasUp = up;
    if (up) {
      this.logger.info('Redis answers again; queues, rate limits and the actor cache resume');
      for (const listener of this.returned) listener();
    } else this.logger.warn('Redis is unreachable; reads go on, writes that need the queue answer 503 until it returns');
  }
}

/** Errors that only say Redis cannot be reached (already logged once by RedisHealth). */
export function isRedisConnectionError(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true;
  return /Connection is closed|connect ETIMEDOUT|Stream isn't writeable/i.test(err.message);
}
