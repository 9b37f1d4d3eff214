import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * Why a policy is dangerous for us, or null when it is safe. Under memory pressure any policy
 * but noeviction lets Redis drop BullMQ's keys: queued notices and schedulers would vanish.
 */
export function evictionPolicyProblem(policy: string | undefined): string | null {
  if (policy === undefined || policy === 'noeviction') return null;
  return `Redis maxmemory-policy is "${policy}": under memory pressure Redis may evict queued jobs. Set maxmemory-policy noeviction.`;
}

/** Reads the policy and warns once at start; managed Redis often forbids CONFIG, which is not an error. */
export async function warnAboutEviction(redis: Redis, logger: Logger): Promise<string | null> {
  let policy: string | undefined;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = reply[1];
  } catch (err) {
    logger.debug({ err: (err as Error).message }, 'could not read Redis maxmemory-policy');
    return null;
  }
  const problem = evictionPolicyProblem(policy);
  if (problem) logger.warn({ policy }, problem);
  return problem;
}
