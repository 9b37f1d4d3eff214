/**
 * Runs the embedded MongoDB-compatible server in the foreground:
 *   npm run db:embedded -- --port 27017 --data ./data/mongo
 * Prints one line with the mongodb:// URI when ready; stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../../log.js';
import { startEmbeddedMongo } from './index.js';

const USAGE = 'usage: db:embedded [--port 27017] [--host 127.0.0.1] [--data DIR] [--fsync always|batched] [--ttl-sweep-ms 60000] [--log-level info]';

interface CliOptions { port: number; host: string; dataDir?: string; fsync: 'always' | 'batched'; ttlSweepIntervalMs: number; logLevel: string }

function parse(): CliOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '27017' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      fsync: { type: 'string', default: 'always' },
      'ttl-sweep-ms': { type: 'string', default: '60000' },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  const ttlSweepIntervalMs = Number(values['ttl-sweep-ms']);
  if (values.help || !Number.isInteger(port) || port < 0 || port > 65535 || !(ttlSweepIntervalMs > 0)) throw new Error(USAGE);
  if (values.fsync !== 'always' && values.fsync !== 'batched') throw new Error(USAGE);
  return { port, host: values.host, ...(values.data ? { dataDir: values.data } : {}), fsync: values.fsync, ttlSweepIntervalMs, logLevel: values['log-level'] };
}

async function main(): Promise<void> {
  const { logLevel, ...options } = parse();
  const logger = createLogger(logLevel);
  const server = await startEmbeddedMongo({
    ...options,
    logger,
    // The journal cannot be written: the server has stopped; exit so a supervisor restarts it.
    onFatal: () => process.exit(1),
  });
  const storage = options.dataDir ? `data in ${options.dataDir}` : 'memory only: data is lost on exit';
  process.stdout.write(`embedded MongoDB listening on ${server.uri} (${storage})\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'embedded mongo: stopping');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'embedded mongo: stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
