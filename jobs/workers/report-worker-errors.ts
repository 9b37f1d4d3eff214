import type { Worker } from 'bullmq';
import type { Logger } from '../../src/log.js';

/**
 * Logs a worker's own errors (Redis gone, keys wiped under it) instead of leaving them to
 * BullMQ's console fallback; the reconciler recovers the work, the process keeps running.
 */
export function reportWorkerErrors<T>(worker: Worker<T>, logger: Logger, what: string): Worker<T> {
  worker.on('error', (err) => logger.warn({ err: err.message }, `${what} worker error`));
  return worker;
}
