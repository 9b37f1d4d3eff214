import type { Queue, Worker } from 'bullmq';
import type { Logger } from '../../src/log.js';
import { isRedisConnectionError } from '../../src/redis/redis-health.js';

/**
 * Logs a worker's own errors (Redis gone, keys wiped under it) instead of leaving them to
 * BullMQ's console fallback; the reconciler recovers the work, the process keeps running and
 * BullMQ reconnects by itself. A Redis outage is logged once by the service (RedisHealth), so
 * the connection errors repeated on every reconnect attempt go to debug.
 */
export function reportWorkerErrors<T>(worker: Worker<T>, logger: Logger, what: string): Worker<T> {
  worker.on('error', (err) => logConnectionError(logger, err, `${what} worker error`));
  return worker;
}

/** The same for a producer's queue handle: without a listener BullMQ prints every reconnect failure. */
export function reportQueueErrors<Q extends Queue>(queue: Q, logger: Logger, what: string): Q {
  queue.on('error', (err: Error) => logConnectionError(logger, err, `${what} queue error`));
  return queue;
}

function logConnectionError(logger: Logger, err: Error, message: string): void {
  if (isRedisConnectionError(err)) logger.debug({ err: err.message }, message);
  else logger.warn({ err: err.message }, message);
}
