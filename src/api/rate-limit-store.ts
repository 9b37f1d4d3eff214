import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import { MemoryStore } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * Counts in Redis (shared by every API process) while Redis answers, and in this process's
 * memory while it does not, so a Redis outage never holds a request up: the same limits
 * then hold per process instead of across them. The switch is logged once each way.
 *
 * `connection` must be the limiter's own ioredis connection with no offline queue and a
 * command timeout (see `rateLimitConnection`): a command then fails at once while the
 * connection is down and within the timeout when Redis stops answering on an open socket.
 */
export class RedisOrMemoryStore implements Store {
  private readonly memory = new MemoryStore();
  private inRedis = true;

  constructor(
    private readonly redis: Store,
    private readonly connection: Redis,
    private readonly logger: Logger,
  ) {
    // rate-limit-redis loads its scripts in its constructor and keeps the promises for later;
    // should Redis go away before they settle, nobody awaits them yet, and Node ends the process
    // on an unhandled rejection. Marking them handled changes nothing for whoever awaits them.
    for (const value of Object.values(redis)) if (value instanceof Promise) value.catch(() => undefined);
    connection.on('ready', () => this.useRedis());
    connection.on('close', () => this.useMemory('the connection to Redis closed'));
  }

  init(options: Options): void {
    void this.redis.init?.(options);
    this.memory.init(options);
  }

  async increment(key: string): Promise<IncrementResponse> {
    if (this.connection.status !== 'ready') {
      this.useMemory(`the connection to Redis is ${this.connection.status}`);
      return this.memory.increment(key);
    }
    try {
      return await this.redis.increment(key);
    } catch (err) {
      this.redisFailed(err);
      return this.memory.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    await this.either((store) => store.decrement(key));
  }

  async resetKey(key: string): Promise<void> {
    await this.either((store) => store.resetKey(key));
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.either((store) => store.get?.(key));
  }

  /** Runs `use` on the store in use; a Redis failure falls back to memory for this call. */
  private async either<T>(use: (store: Store) => T | Promise<T>): Promise<T> {
    if (!this.inRedis || this.connection.status !== 'ready') return use(this.memory);
    try {
      return await use(this.redis);
    } catch (err) {
      this.redisFailed(err);
      return use(this.memory);
    }
  }

  private redisFailed(err: unknown): void {
    this.useMemory(err instanceof Error ? err.message : String(err));
  }

  private useMemory(reason: string): void {
    if (!this.inRedis) return;
    this.inRedis = false;
    this.logger.warn({ reason }, 'rate limiting falls back to this process’s memory while Redis is unreachable (the same limits, per process)');
  }

  private useRedis(): void {
    if (this.inRedis) return;
    this.inRedis = true;
    this.logger.info('rate limiting is counted in Redis again, shared by every API process');
  }
}
