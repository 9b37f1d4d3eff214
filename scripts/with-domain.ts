import type { Connection } from 'mongoose';
import { ConfigError, loadConfigFromProcess } from '../src/config.js';
import { connectMongo } from '../src/db/mongo-connection.js';
import { createDomainServices, type DomainServices } from '../src/domain/domain-services.js';
import { createLogger } from '../src/log.js';

/**
 * Runs an operator command against the configured database (or the running embedded one)
 * with the domain services, closing the connection afterwards.
 */
export async function withDomain<T>(work: (services: DomainServices, connection: Connection) => Promise<T>): Promise<T> {
  const config = loadConfigFromProcess();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { pretty: false });
  const mongo = await connectMongo(config.mongo, logger);
  try {
    const services = createDomainServices(mongo.connection);
    await Promise.all(Object.values(mongo.connection.models).map((model) => model.createIndexes()));
    return await work(services, mongo.connection);
  } finally {
    await mongo.close();
  }
}

/** Exits with the command's code: 2 for bad configuration, 1 for any other failure. */
export function exitWith(command: string, run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : `${command} failed: ${(error as Error).message}`);
      process.exit(error instanceof ConfigError ? 2 : 1);
    },
  );
}
