import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * The only reader of process.env. Every variable is documented in .env.example;
 * a bad value stops the service with one message that lists every problem.
 */

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

const port = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(fallback),
  );

const wholeNumber = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

const mongoUri = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// connection string')
    .optional(),
);

const redisUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
);

const httpUrl = z.preprocess(
  emptyAsUndefined,
  z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
);

// Telegram bot tokens look like 123456:ABC-xyz; checking the shape catches a pasted chat id or URL.
const telegramToken = z.preprocess(
  emptyAsUndefined,
  z.string().regex(/^\d{3,15}:[A-Za-z0-9_-]{20,100}$/, 'must look like 123456789:AA…  (from @BotFather)').optional(),
);

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('0.0.0.0')),
  PORT: port(3000),
  MONGODB_URI: mongoUri,
  MONGODB_DB: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, dashes or underscores')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default('./data')),
  EMBEDDED_MONGO_PORT: port(0),
  EMBEDDED_MONGO_FSYNC: z.preprocess(
    emptyAsUndefined,
    z.enum(['always', 'batched'], { message: 'must be always or batched' }).default('batched'),
  ),
  EMBEDDED_MONGO_PERSIST: booleanFlag(true),
  REDIS_URL: redisUrl,
  REDIS_DATA_DIR: optionalString,
  REDIS_KEY_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, dots, dashes or underscores')
      .default('vnb'),
  ),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(10_000, 1_000, 120_000),
  SEED_DEMO: booleanFlag(true),
  CORS_ORIGINS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('')
      .transform((list) => list.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.url({ message: 'must be a comma-separated list of origins such as https://app.example.vn' }))),
  ),
  RATE_LIMIT_PER_MINUTE: wholeNumber(300, 1, 1_000_000),
  RATE_LIMIT_ANON_PER_MINUTE: wholeNumber(60, 1, 1_000_000),
  API_ANONYMOUS_CACHE_MS: wholeNumber(2_000, 0, 60_000),
  ACTOR_CACHE_MS: wholeNumber(30_000, 0, 300_000),
  RECONCILE_AFTER_MS: wholeNumber(300_000, 10_000, 86_400_000),
  NEW_USER_DAYS: wholeNumber(7, 0, 365),
  NEW_USER_THREADS_PER_DAY: wholeNumber(3, 0, 1000),
  NEW_USER_REPLIES_PER_HOUR: wholeNumber(10, 0, 1000),
  FLAGS_TO_HIDE: wholeNumber(3, 1, 100),
  TELEGRAM_BOT_TOKEN: telegramToken,
  TELEGRAM_API_ROOT: httpUrl,
  PUBLIC_URL: httpUrl,
  TELEGRAM_WEBHOOK_URL: httpUrl,
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 letters, digits, _ or -').optional(),
  ),
  WEBHOOKS_SECRET_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be the base64 of 32 random bytes (openssl rand -base64 32)')
      .optional(),
  ),
  WEBHOOKS_ALLOW_HTTP_LOOPBACK: booleanFlag(false),
  DISCORD_BOT_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(20, 'is too short to be a bot token').max(200).optional()),
  DISCORD_APPLICATION_ID: z.preprocess(emptyAsUndefined, z.string().regex(/^\d{15,21}$/, 'must be a numeric snowflake').optional()),
  DISCORD_PUBLIC_KEY: z.preprocess(emptyAsUndefined, z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits').optional()),
  DISCORD_API_BASE: httpUrl,
  DISCORD_GUILD_IDS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('')
      .transform((list) => list.split(',').map((id) => id.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^\d{15,21}$/, 'must be a comma-separated list of numeric guild ids'))),
  ),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  http: { host: string; port: number };
  mongo:
    | { kind: 'external'; uri: string; dbName: string | undefined }
    | { kind: 'embedded'; port: number; dataDir: string | undefined; fsync: 'always' | 'batched'; dbName: string };
  redis: { url: string | undefined; dataDir: string | undefined; keyPrefix: string };
  dataDir: string;
  shutdownTimeoutMs: number;
  /** Work whose job is still missing this long after its time is queued again (Redis wiped, worker crashed). */
  reconcileAfterMs: number;
  /** Fill an empty embedded database with demo content on first start. */
  seedDemo: boolean;
  /** Where people reach this service (links in bot messages: calendar files, docs). */
  publicUrl: string;
  /** Forum moderation: new accounts' posting limits (newUserDays 0 = off) and flags that hide an item. */
  moderation: { newUserDays: number; threadsPerDay: number; repliesPerHour: number; flagsToHide: number };
  api: { corsOrigins: string[]; rateLimitPerMinute: number; anonymousRateLimitPerMinute: number; anonymousCacheMs: number; actorCacheMs: number };
  /**
   * Outbound webhooks: the key that seals signing secrets at rest (unset = a key file in
   * DATA_DIR, made on first start) and whether plain http to loopback receivers is allowed.
   */
  webhooks: { secretKey: Buffer | undefined; allowHttpLoopback: boolean };
  /** Telegram: unset token = no Telegram bot and no Telegram deliveries. */
  telegram: { token: string | undefined; apiRoot: string; webhookUrl: string | undefined; webhookSecret: string | undefined };
  /** Discord: unset token = no Discord bot and no Discord deliveries. */
  discord: {
    token: string | undefined;
    applicationId: string | undefined;
    publicKey: string | undefined;
    apiBase: string;
    guildIds: string[];
  };
}

/** Raised when one or more variables are invalid; `problems` names each variable and why. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a typed Config; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Messages name the variable and the rule only: values may be secrets.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError(['TELEGRAM_WEBHOOK_SECRET: is required with TELEGRAM_WEBHOOK_URL, so forged updates can be refused']);
  }
  const dataDir = e.DATA_DIR;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { host: e.HOST, port: e.PORT },
    mongo: e.MONGODB_URI
      ? { kind: 'external', uri: e.MONGODB_URI, dbName: e.MONGODB_DB }
      : {
          kind: 'embedded',
          dbName: e.MONGODB_DB ?? 'vnbridge',
          port: e.EMBEDDED_MONGO_PORT,
          dataDir: e.EMBEDDED_MONGO_PERSIST ? `${dataDir}/mongo` : undefined,
          fsync: e.EMBEDDED_MONGO_FSYNC,
        },
    redis: { url: e.REDIS_URL, dataDir: e.REDIS_DATA_DIR, keyPrefix: e.REDIS_KEY_PREFIX },
    dataDir,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    reconcileAfterMs: e.RECONCILE_AFTER_MS,
    seedDemo: e.SEED_DEMO,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT === 0 ? 3000 : e.PORT}`,
    moderation: {
      newUserDays: e.NEW_USER_DAYS,
      threadsPerDay: e.NEW_USER_THREADS_PER_DAY,
      repliesPerHour: e.NEW_USER_REPLIES_PER_HOUR,
      flagsToHide: e.FLAGS_TO_HIDE,
    },
    api: {
      corsOrigins: e.CORS_ORIGINS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      anonymousRateLimitPerMinute: e.RATE_LIMIT_ANON_PER_MINUTE,
      anonymousCacheMs: e.API_ANONYMOUS_CACHE_MS,
      actorCacheMs: e.ACTOR_CACHE_MS,
    },
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT ?? 'https://api.telegram.org',
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
    },
    webhooks: {
      secretKey: e.WEBHOOKS_SECRET_KEY ? Buffer.from(e.WEBHOOKS_SECRET_KEY, 'base64') : undefined,
      allowHttpLoopback: e.WEBHOOKS_ALLOW_HTTP_LOOPBACK,
    },
    discord: {
      token: e.DISCORD_BOT_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      publicKey: e.DISCORD_PUBLIC_KEY,
      apiBase: e.DISCORD_API_BASE ?? 'https://discord.com/api',
      guildIds: e.DISCORD_GUILD_IDS,
    },
  };
}

/** Reads ./.env (when present, without overriding the real environment) and then the environment. */
export function loadConfigFromProcess(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig(process.env);
}
