import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/db/embedded/index.js';
import { uniqueName } from './service.js';

/** True when the suite runs against a real MongoDB (MONGODB_URI) instead of the embedded server. */
export const REAL_MONGO = Boolean(process.env.MONGODB_URI);

/** A MongoDB for one test file: the real one in MONGODB_URI, else a fresh embedded server; a database of its own. */
export interface TestMongo {
  uri: string;
  client: MongoClient;
  db: Db;
  /** The embedded server, when there is one (for embedded-only tests). */
  embedded: EmbeddedMongo | undefined;
  close(): Promise<void>;
}

/** Starts (or connects to) MongoDB for a test file; close() drops the database and stops what it started. */
export async function openTestMongo(options: { ttlSweepIntervalMs?: number } = {}): Promise<TestMongo> {
  const embedded = REAL_MONGO ? undefined : await startEmbeddedMongo({ ttlSweepIntervalMs: options.ttlSweepIntervalMs ?? 60_000 });
  const uri = process.env.MONGODB_URI ?? (embedded as EmbeddedMongo).uri;
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
  const db = client.db(uniqueName('conf'));
  return {
    uri,
    client,
    db,
    embedded,
    async close() {
      await db.dropDatabase();
      await client.close();
      await embedded?.stop();
    },
  };
}
