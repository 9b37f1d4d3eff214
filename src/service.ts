import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { createApp } from './api/create-app.js';
import type { Config } from './config.js';
import { connectMongo, pingMongo } from './db/mongo-connection.js';
import { createDomainServices, type DomainServices } from './domain/domain-services.js';
import { ShutdownStack } from './lifecycle/shutdown-stack.js';
import type { Logger } from './log.js';
import { warnAboutEviction } from './redis/eviction-policy.js';
import { openQueue, QUEUE_NAMES, type QueueSettings } from '../jobs/queues.js';
import { ServiceMetrics } from './observability/service-metrics.js';
import { DiscordSender } from '../jobs/senders/discord-sender.js';
import { TelegramSender } from '../jobs/senders/telegram-sender.js';
import { startJobs } from '../jobs/start-jobs.js';
import { resolveRedis } from './redis/redis-availability.js';
import { isRedisConnectionError, RedisHealth } from './redis/redis-health.js';
import { rateLimitConnection } from './api/rate-limit.js';
import { reportQueueErrors } from '../jobs/workers/report-worker-errors.js';
import { startActorInvalidation } from './redis/actor-invalidation.js';
import { ActorCache } from './domain/auth/actor-cache.js';
import { SecretBox } from './domain/webhooks/secret-box.js';
import { webhookKeyFromDataDir } from './domain/webhooks/webhook-key-file.js';
import { databaseIsEmpty, seedDemo, type SeedReport } from './seed/seed-demo.js';
import { startBots } from '../bots/start-bots.js';

/** WEBHOOKS_SECRET_KEY, else a key file beside the data when the database outlives the process. */
function webhookKey(config: Config, logger: Logger): Buffer {
  if (config.webhooks.secretKey) return config.webhooks.secretKey;
  const memoryOnly = config.mongo.kind === 'embedded' && config.mongo.dataDir === undefined;
  const { key, created } = webhookKeyFromDataDir(memoryOnly ? undefined : config.dataDir);
  if (created && !memoryOnly) logger.info({ dataDir: config.dataDir }, 'made a key for sealing webhook secrets in the data directory (set WEBHOOKS_SECRET_KEY to share one between hosts)');
  return key;
}

/** What a process does: serve the API, run background jobs, run the chat bots. */
export const SERVICE_ROLES = ['api', 'worker', 'bots'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

/** A started service: where it listens, and how to stop it. */
export interface RunningService {
  url: string;
  mongoUri: string;
  redisUrl: string;
  /** Where this service's BullMQ queues live (Redis URL and key prefix). */
  queueSettings: QueueSettings;
  services: DomainServices;
  /** Who tokens act as, remembered for a short time (tests look at what it keeps). */
  actorCache: ActorCache;
  connection: Connection;
  /** Settles when the demo content (if any) has been written. */
  seeded: Promise<void>;
  /** Closes in reverse order of start; resolves true when everything closed in time. */
  stop(): Promise<boolean>;
}

/**
 * The composition root: config → MongoDB → Redis → HTTP. Whatever started is closed
 * again if a later step fails, so a failed start leaves no child processes or ports behind.
 */
export async function startService(
  config: Config,
  logger: Logger,
  options: { roles?: readonly ServiceRole[] } = {},
): Promise<RunningService> {
  const roles = new Set(options.roles ?? SERVICE_ROLES);
  const started = new ShutdownStack();
  const stop = () => started.closeAll(config.shutdownTimeoutMs, logger);
  try {
    const mongo = await connectMongo(config.mongo, logger);
    started.push('mongodb', () => mongo.close());

    const redisEndpoint = await resolveRedis(config.redis, logger);
    started.push('redis-server', () => redisEndpoint.stop());
    // Auto-pipelining sends the commands of one event-loop turn (a rate-limit check per
    // request) in one write instead of one system call each. Never used for blocking commands.
    const redis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: null, lazyConnect: true, enableAutoPipelining: true });
    // An outage is logged once by RedisHealth; the same refusal on every reconnect attempt goes to debug.
    redis.on('error', (err) => (isRedisConnectionError(err) ? logger.debug : logger.warn).call(logger, { err: err.message }, 'redis connection error'));
    await redis.connect();
    started.push('redis', () => closeRedis(redis));
    const health = new RedisHealth(redis, logger);
    started.push('redis health', async () => health.stop());

    const queueSettings = { redisUrl: redisEndpoint.url, prefix: config.redis.keyPrefix };
    // Handles on every queue for the operators' dashboard, metrics and admin retries, in every role.
    const queues = Object.values(QUEUE_NAMES).map((name) => reportQueueErrors(openQueue(name, queueSettings), logger, name));
    started.push('queue handles', async () => {
      await Promise.all(queues.map((q) => q.close()));
    });
    // Every role subscribes: any process may change a user (a bot changes a locale, a worker finishes a merge).
    const actorCache = new ActorCache({ ttlMs: config.api.actorCacheMs, maxEntries: ACTOR_CACHE_ENTRIES });
    const actorInvalidation = await startActorInvalidation(redis, actorCache, config.redis.keyPrefix, logger);
    started.push('actor invalidation', () => actorInvalidation.stop());
    const deliverQueue = (channel: 'telegram' | 'discord') => queues.find((q) => q.name === (channel === 'telegram' ? QUEUE_NAMES.deliverTelegram : QUEUE_NAMES.deliverDiscord));
    const services = createDomainServices(mongo.connection, undefined, {
      requeueDelivery: async (channel, deliveryId) => {
        const added = deliverQueue(channel)?.add('deliver', { deliveryIds: [deliveryId] }, { jobId: `${deliveryId}-retry-${Date.now()}` });
        // Redis left between the check and the add: the delivery is already pending in MongoDB and
        // the add waits in the queue connection until Redis returns (the reconciler is the backstop),
        // so the answer is not held up for it.
        if (!(await settlesWithin(added, QUEUE_ADD_WAIT_MS))) logger.warn({ deliveryId }, 'the retried delivery is queued once Redis answers again');
      },
      queueReachable: () => health.up,
      moderation: config.moderation,
      actorCache,
      actorChanges: actorInvalidation.changes,
      webhooks: { policy: { allowHttpLoopback: config.webhooks.allowHttpLoopback }, box: new SecretBox(webhookKey(config, logger)) },
    });
    await ensureIndexes(mongo.connection);
    const metrics = new ServiceMetrics();
    metrics.watchQueues(queues, () => health.up);
    metrics.watchDeliveries(mongo.connection);
    if (roles.has('worker')) {
      await warnAboutEviction(redis, logger);
      const senders = [
        ...(config.telegram.token ? [new TelegramSender(config.telegram.token, config.telegram.apiRoot)] : []),
        ...(config.discord.token ? [new DiscordSender(config.discord.token, config.discord.apiBase)] : []),
      ];
      const jobs = await startJobs(mongo.connection, services, queueSettings, logger, { metrics, reconcileAfterMs: config.reconcileAfterMs, senders, whenRedisReturns: (listener) => health.onReturn(listener) });
      started.push('jobs', () => jobs.stop());
    }
    const bots = roles.has('bots') ? await startBots(config, services, redis, logger) : { webhooks: [], stop: async () => undefined };
    started.push('bots', () => bots.stop());
    const limiterRedis = rateLimitConnection(redis, config.redis.keyPrefix);
    limiterRedis.on('error', (err: Error) => logger.debug({ err: err.message }, 'rate limit redis connection error'));
    // Connected before the limiter is built: its store loads its script at once, and with no offline queue that needs a connection.
    await limiterRedis.connect();
    started.push('rate limit redis', async () => {
      limiterRedis.removeAllListeners('close');
      await closeRedis(limiterRedis);
    });
    const app = createApp({
      serveApi: roles.has('api'),
      webhooks: bots.webhooks,
      logger,
      services,
      redis: limiterRedis,
      version: packageVersion(),
      operations: { metrics, queues, queuesReachable: () => health.up },
      http: {
        corsOrigins: config.api.corsOrigins,
        bodyLimitBytes: 256 * 1024,
        anonymousCacheMs: config.api.anonymousCacheMs,
        rateLimit: {
          perToken: config.api.rateLimitPerMinute,
          perIp: config.api.anonymousRateLimitPerMinute,
          keyPrefix: config.redis.keyPrefix,
        },
      },
      readiness: {
        mongodb: () => pingMongo(mongo.connection),
        redis: async () => {
          if (redis.status !== 'ready') throw new Error(`connection is ${redis.status}`);
          await redis.ping();
        },
      },
    });
    const server: Server = app.listen(config.http.port, config.http.host);
    await once(server, 'listening');
    started.push('http', () => closeHttp(server));
    const { port } = server.address() as AddressInfo;
    const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
    const url = `http://${host}:${port}`;
    logger.info({ url, redis: redisEndpoint.source, roles: [...roles] }, 'service ready');
    // After listening, so a first start is ready at once; the demo content follows within a second.
    const seeded =
      config.seedDemo && mongo.embedded && (await databaseIsEmpty(mongo.connection))
        ? seedDemo(mongo.connection, services).then(
            (report) => logSeed(logger, report),
            (err: unknown) => logger.warn({ err }, 'could not seed the demo content'),
          )
        : Promise.resolve();
    return { url, mongoUri: mongo.uri, redisUrl: redisEndpoint.url, queueSettings, services, actorCache, connection: mongo.connection, seeded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** quit() waits for a reply that never comes while Redis is down; then just drop the socket. */
async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}

// How long an admin's retry waits for BullMQ to take the job before answering anyway.
const QUEUE_ADD_WAIT_MS = 1_000;

/** True when `work` settled (either way) within `ms`; a rejection after that is dropped. */
async function settlesWithin(work: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  if (!work) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  work.catch(() => undefined);
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

// A few hundred bytes each: ten thousand signed-in people in the last ACTOR_CACHE_MS cost a few MB.
const ACTOR_CACHE_ENTRIES = 10_000;

/** The version in package.json, found by walking up from this file (it runs from src/ or dist/src/). */
function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    const file = new URL(up, import.meta.url);
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

function logSeed(logger: Logger, report: SeedReport): void {
  if (!report.seeded) return;
  logger.info({ counts: report.counts }, 'seeded demo content into the empty embedded database (SEED_DEMO=false turns this off)');
  // Shown once, on a development database, so a new user can explore right away.
  logger.info(`demo admin token: ${report.token ?? ''} (send it as "Authorization: Bearer …"; see /docs)`);
}

/** Builds every model's indexes (unique keys are part of correctness, not an optimisation). */
async function ensureIndexes(connection: Connection): Promise<void> {
  await Promise.all(Object.values(connection.models).map((model) => model.createIndexes()));
}

/** Stops accepting, lets in-flight requests finish, and drops idle keep-alive sockets. */
async function closeHttp(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  server.closeIdleConnections();
  await closed;
}
