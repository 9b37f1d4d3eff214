/** `npm run seed`: fills the configured database with the demo content (once per database). */
import { seedDemo } from '../src/seed/seed-demo.js';
import { exitWith, withDomain } from './with-domain.js';

exitWith(
  'seed',
  withDomain(async (services, connection) => {
    const report = await seedDemo(connection, services);
    if (!report.seeded) {
      console.log('This database already has the demo content; nothing to do.');
      return 0;
    }
    console.log(`Seeded ${Object.entries(report.counts).map(([k, n]) => `${n} ${k}`).join(', ')}.`);
    console.log(`Demo admin token (shown once): ${report.token ?? ''}`);
    return 0;
  }),
);
