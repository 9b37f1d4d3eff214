import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** Where the service finds Redis, and how to let go of it at shutdown. */
export interface RedisEndpoint {
  url: string;
  /** 'configured' = REDIS_URL, 'local' = 127.0.0.1:6379, 'child' = a redis-server we started. */
  source: 'configured' | 'local' | 'child';
  stop(): Promise<void>;
}

/** Raised when no Redis can be had; the message is the one sentence shown to the operator. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export const DEFAULT_LOCAL_REDIS = 'redis://127.0.0.1:6379';

/** True when a Redis at `url` answers PING within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  client.on('error', () => undefined); // the answer is the boolean; errors are expected here
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Finds an executable on PATH, or undefined. */
export function findOnPath(command: string, pathVar = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Asks the OS for a TCP port nobody listens on right now. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const CHILD_START_TIMEOUT_MS = 5000;

/** Starts `redis-server` as a child on a free loopback port; no persistence unless dataDir is given. */
export async function startRedisChild(
  binary: string,
  options: { dataDir?: string; logger: Logger },
): Promise<RedisEndpoint> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes'];
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push('--dir', dir, '--appendonly', 'yes', '--save', '60 1000');
  } else {
    args.push('--save', '', '--appendonly', 'no');
  }
  const child = spawn(binary, args, { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + CHILD_START_TIMEOUT_MS;
  while (!(await redisAnswers(url, 300))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RedisUnavailableError(`redis-server was found at ${binary} but did not start on port ${port}.`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  options.logger.info({ url, persistent: Boolean(options.dataDir) }, 'started a private redis-server');
  return { url, source: 'child', stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * Decides which Redis the service uses: REDIS_URL when set; else 127.0.0.1:6379 when it answers;
 * else a private redis-server from PATH; else a RedisUnavailableError saying what to do.
 */
export async function resolveRedis(
  settings: { url: string | undefined; dataDir: string | undefined },
  logger: Logger,
  deps: { localUrl?: string; pathVar?: string } = {},
): Promise<RedisEndpoint> {
  const none = async () => undefined;
  if (settings.url) {
    if (!(await redisAnswers(settings.url, 3000))) {
      throw new RedisUnavailableError(
        'Redis at REDIS_URL does not answer: start it, or fix REDIS_URL in your environment or .env.',
      );
    }
    return { url: settings.url, source: 'configured', stop: none };
  }
  const localUrl = deps.localUrl ?? DEFAULT_LOCAL_REDIS;
  if (await redisAnswers(localUrl)) return { url: localUrl, source: 'local', stop: none };
  const binary = findOnPath('redis-server', deps.pathVar);
  if (binary) return startRedisChild(binary, { dataDir: settings.dataDir, logger });
  throw new RedisUnavailableError(
    'No Redis found: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) ' +
      'or set REDIS_URL to a running Redis.',
  );
}
