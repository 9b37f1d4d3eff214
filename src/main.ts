import { ConfigError, loadConfigFromProcess, type Config } from './config.js';
import { createLogger } from './log.js';
import { RedisUnavailableError } from './redis/redis-availability.js';
import { startService } from './service.js';

/** Process entry point: exit 2 on bad configuration, 1 when a dependency cannot be had, 0 after a clean stop. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfigFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let service;
  try {
    service = await startService(config, logger);
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      logger.fatal(error.message);
    } else {
      logger.fatal({ err: error }, 'the service could not start');
    }
    logger.flush();
    process.exit(1);
  }
  const running = service;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void running.stop().then((clean) => {
      logger.info({ clean }, 'stopped');
      logger.flush();
      process.exit(clean ? 0 : 1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
