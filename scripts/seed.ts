/** `npm run seed`: fills the configured database with the demo content (once per database). */
import { ConfigError, loadConfigFromProcess } from '../src/config.js';
import { connectMongo } from '../src/db/mongo-connection.js';
import { createDomainServices } from '../src/domain/domain-services.js';
import { createLogger } from '../src/log.js';
import { seedDemo } from '../src/seed/seed-demo.js';

async function main(): Promise<number> {
  const config = loadConfigFromProcess();
  const logger = createLogger('warn', { pretty: false });
  const mongo = await connectMongo(config.mongo, logger);
  try {
    const services = createDomainServices(mongo.connection);
    await Promise.all(Object.values(mongo.connection.models).map((model) => model.createIndexes()));
    const report = await seedDemo(mongo.connection, services);
    if (!report.seeded) {
      console.log('This database already has the demo content; nothing to do.');
      return 0;
    }
    console.log(`Seeded ${Object.entries(report.counts).map(([k, n]) => `${n} ${k}`).join(', ')}.`);
    console.log(`Demo admin token (shown once): ${report.token ?? ''}`);
    return 0;
  } finally {
    await mongo.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `seed failed: ${(error as Error).message}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
