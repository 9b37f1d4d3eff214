import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';

export const quietLogger = pino({ level: 'silent' });

/**
 * Config for an in-process service in tests: any free port, embedded MongoDB in memory
 * (or the real one in MONGODB_URI), the given Redis.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    EMBEDDED_MONGO_PERSIST: 'false',
    REDIS_URL: 'redis://127.0.0.1:6379',
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
    ...overrides,
  });
}
