import type { Redis } from 'ioredis';
import type { Types } from 'mongoose';
import type { ActorCache } from '../domain/auth/actor-cache.js';
import type { ActorChanges } from '../domain/auth/actor-changes.js';
import type { Logger } from '../log.js';

/** The Redis side of the actor cache: the changes port to hand to the domain, and how to stop listening. */
export interface ActorInvalidation {
  changes: ActorChanges;
  stop(): Promise<void>;
}

// Long enough for a live Redis to take the message; short enough not to hold up an answer when it is not.
const PUBLISH_WAIT_MS = 1_000;
const SUBSCRIBE_WAIT_MS = 5_000;

/** The pub/sub channel on which every process of the service hears about actor changes. */
export function actorChangesChannel(keyPrefix: string): string {
  return `${keyPrefix}:actor-changes`;
}

/**
 * Keeps `cache` in step with every process of the service sharing this Redis: a change made
 * here drops this process's answers at once and is published; changes heard from others drop
 * theirs. The cache keeps nothing while the subscriber connection is down (a change could be
 * missed) and starts again from empty once it is subscribed again.
 */
export async function startActorInvalidation(redis: Redis, cache: ActorCache, keyPrefix: string, logger: Logger): Promise<ActorInvalidation> {
  const channel = actorChangesChannel(keyPrefix);
  // Subscribing ourselves on every 'ready' (not ioredis's auto-resubscribe) tells us when it is done.
  // Named, so an operator (or a test) can tell it apart in CLIENT LIST.
  const subscriber = redis.duplicate({ lazyConnect: true, autoResubscribe: false, enableAutoPipelining: false, connectionName: channel });
  let connection = 0;
  cache.pause();
  subscriber.on('message', (from: string, message: string) => {
    if (from === channel) applyMessage(cache, message);
  });
  subscriber.on('close', () => {
    connection += 1;
    if (cache.active) logger.warn('actor cache off until the invalidation channel is heard again');
    cache.pause();
  });
  subscriber.on('error', (err: Error) => logger.debug({ err: err.message }, 'actor invalidation subscriber error'));
  const subscribed = new Promise<void>((resolve) => {
    subscriber.on('ready', () => {
      const attempt = connection;
      subscriber.subscribe(channel).then(
        () => {
          if (attempt !== connection) return;
          cache.resume();
          resolve();
        },
        (err: unknown) => logger.warn({ err }, 'could not subscribe to the actor invalidation channel'),
      );
    });
  });
  await subscriber.connect();
  // Normally a round trip; should it take longer, the cache simply starts keeping answers later.
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([subscribed, new Promise((resolve) => (waited = setTimeout(resolve, SUBSCRIBE_WAIT_MS)))]);
  clearTimeout(waited);

  const publish = async (message: string) => {
    // Redis down: every subscriber is cut off too and starts empty when it returns, so there is
    // nobody to tell; publishing would only hold the answer up for PUBLISH_WAIT_MS.
    if (redis.status !== 'ready') return;
    const sent = redis.publish(channel, message);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, PUBLISH_WAIT_MS);
    });
    try {
      // Redis down: the subscribers elsewhere are cut off too, so they keep nothing and start afresh.
      await Promise.race([sent.then(() => undefined), gaveUp]);
    } catch (err) {
      logger.warn({ err }, 'could not publish an actor change; other processes forget it within the cache time');
    } finally {
      clearTimeout(timer);
    }
    sent.catch(() => undefined);
  };

  return {
    changes: {
      async userChanged(userId: Types.ObjectId) {
        cache.dropUser(String(userId));
        await publish(`user:${String(userId)}`);
      },
      async tokenRevoked(tokenId: Types.ObjectId) {
        cache.dropToken(String(tokenId));
        await publish(`token:${String(tokenId)}`);
      },
    },
    async stop() {
      cache.pause();
      subscriber.removeAllListeners('close');
      if (subscriber.status === 'ready') await subscriber.quit();
      else subscriber.disconnect();
    },
  };
}

/** Drops what a message names; anything unreadable drops everything, to be safe. */
function applyMessage(cache: ActorCache, message: string): void {
  const [kind, id] = message.split(':', 2);
  if (kind === 'user' && id) cache.dropUser(id);
  else if (kind === 'token' && id) cache.dropToken(id);
  else cache.dropAll();
}
