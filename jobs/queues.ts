import { Queue, type DefaultJobOptions } from 'bullmq';

/** Every BullMQ queue the service uses. Workers and producers agree on these names. */
export const QUEUE_NAMES = {
  fanout: 'fanout',
  deliverTelegram: 'deliver-telegram',
  deliverDiscord: 'deliver-discord',
  schedules: 'schedules',
  reminders: 'reminders',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** How every queue reaches Redis: one URL and the deployment's key prefix. */
export interface QueueSettings {
  redisUrl: string;
  /** BullMQ key prefix; REDIS_KEY_PREFIX, so deployments and test runs never share queues. */
  prefix: string;
}

/**
 * Retries with exponential backoff (2 s, 4 s, 8 s … about 8 minutes in all) before a job
 * is left failed; MongoDB, not BullMQ, keeps the record of what was delivered, so finished
 * jobs are trimmed.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 86_400 },
};

/** BullMQ connection options for a URL. Workers need maxRetriesPerRequest null to block on Redis. */
export function connectionFor(settings: QueueSettings): { url: string; maxRetriesPerRequest: null } {
  return { url: settings.redisUrl, maxRetriesPerRequest: null };
}

/** A producer handle on one queue, with the project's defaults. */
export function openQueue<T>(name: QueueName, settings: QueueSettings): Queue<T> {
  return new Queue<T>(name, {
    connection: connectionFor(settings),
    prefix: settings.prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
}
