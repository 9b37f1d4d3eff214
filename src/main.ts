import { ConfigError, loadConfigFromProcess, type Config } from './config.js';
import { createLogger } from './log.js';
import { RedisUnavailableError } from './redis/redis-availability.js';
import { parseArgs } from 'node:util';
import { SERVICE_ROLES, startService, type ServiceRole } from './service.js';

const USAGE = `Usage: npm start [-- --role api|worker|bots|all]   (default all; repeat --role for several)`;

/** The roles asked for on the command line; exits 2 with usage on anything else. */
function rolesFromArgs(): ServiceRole[] {
  try {
    const { values } = parseArgs({ options: { role: { type: 'string', multiple: true } } });
    const asked = values.role ?? ['all'];
    if (asked.includes('all')) return [...SERVICE_ROLES];
    const unknown = asked.filter((role) => !(SERVICE_ROLES as readonly string[]).includes(role));
    if (unknown.length === 0) return asked as ServiceRole[];
    process.stderr.write(`Unknown role: ${unknown.join(', ')}\n${USAGE}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  }
  process.exit(2);
}

/** Process entry point: exit 2 on bad configuration, 1 when a dependency cannot be had, 0 after a clean stop. */
async function main(): Promise<void> {
  const roles = rolesFromArgs();
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
    service = await startService(config, logger, { roles });
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
