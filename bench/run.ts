/**
 * `npm run bench -- NAME [NAME …]` runs the named benchmarks (all when none is named).
 * Each prints its figures beside the baseline they are held to.
 */
import { benchApi } from './api.bench.js';
import { benchBots } from './bots.bench.js';
import { benchEmbeddedIndexOrder } from './embedded-index-order.bench.js';
import { benchEmbeddedMongo } from './embedded-mongo.bench.js';
import { benchFanout } from './fanout.bench.js';

const benchmarks: Record<string, () => Promise<void>> = {
  'embedded-mongo': benchEmbeddedMongo,
  'embedded-index-order': benchEmbeddedIndexOrder,
  api: benchApi,
  fanout: benchFanout,
  bots: benchBots,
};

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = asked.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
for (const name of asked.length > 0 ? asked : Object.keys(benchmarks)) {
  console.log(`\n== ${name} ==`);
  await benchmarks[name]?.();
}
