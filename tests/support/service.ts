import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import type { Role } from '../../src/domain/users/roles.js';
import { startService, type RunningService, type ServiceRole } from '../../src/service.js';

export const quietLogger = pino({ level: 'silent' });

/** A name no other test run uses, for databases and Redis key prefixes. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * Config for an in-process service in tests: any free port, its own database (embedded in
 * memory, or on the real server in MONGODB_URI) and its own Redis key prefix.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    EMBEDDED_MONGO_PERSIST: 'false',
    SEED_DEMO: 'false',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: uniqueName('t'),
    MONGODB_DB: uniqueName('t'),
    // Most tests post a lot from brand-new accounts; the posting-limit tests turn this back on.
    NEW_USER_DAYS: '0',
    // Webhook receivers in tests are local HTTP servers.
    WEBHOOKS_ALLOW_HTTP_LOOPBACK: 'true',
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
    ...overrides,
  });
}

/** A running service plus helpers to act as users with given roles over HTTP. */
export interface TestApi {
  service: RunningService;
  url: string;
  /** Creates a user with these roles and returns a bearer token for it. */
  tokenFor(roles: Role[], displayName?: string): Promise<string>;
  /** fetch() against /api/v1 with JSON in and out. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; lang?: string }): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

export interface ApiAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests assert on shapes freely
  headers: Headers;
}

/**
 * Starts the service in-process for API tests (the API role only: background jobs would
 * race the assertions about notices); drops the database on stop().
 */
export async function startTestApi(overrides: Record<string, string> = {}, roles: ServiceRole[] = ['api']): Promise<TestApi> {
  const service = await startService(testConfig(overrides), quietLogger, { roles });
  return testApiAround(service, { dropDatabase: true });
}

/**
 * A second instance of the same deployment beside `first`, as another process would be: the
 * same database and the same Redis key prefix. Its stop() leaves the database to `first`.
 */
export async function startSiblingApi(first: TestApi, overrides: Record<string, string> = {}, roles: ServiceRole[] = ['api']): Promise<TestApi> {
  const config = testConfig({
    MONGODB_URI: first.service.mongoUri,
    MONGODB_DB: first.service.connection.name,
    REDIS_KEY_PREFIX: first.service.queueSettings.prefix,
    ...overrides,
  });
  return testApiAround(await startService(config, quietLogger, { roles }), { dropDatabase: false });
}

/** HTTP helpers around a service a test started itself (with its own logger or roles). */
export function testApiAround(service: RunningService, options: { dropDatabase: boolean }): TestApi {
  return {
    service,
    url: service.url,
    async tokenFor(roles, displayName = `user ${roles.join('+') || 'member'}`) {
      const user = await service.services.users.create({ displayName, roles, locale: 'en' });
      return (await service.services.tokens.issue(user._id, { name: 'test' })).token;
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { 'accept-language': options.lang ?? 'en' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${service.url}/api/v1${path}`, {
        method,
        headers,
        ...(options.body !== undefined
          ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
          : {}),
      });
      const text = await res.text();
      // CSV and ICS answers come back as text; everything else (errors included) is JSON.
      const json = res.headers.get('content-type')?.includes('json') ?? false;
      return { status: res.status, body: text ? (json ? JSON.parse(text) : text) : undefined, headers: res.headers };
    },
    async stop() {
      if (options.dropDatabase) await service.connection.dropDatabase();
      await service.stop();
    },
  };
}
