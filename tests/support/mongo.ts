import { randomBytes } from 'node:crypto';
import { MongoClient, MongoServerError, type Db, type MongoClientOptions } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/db/embedded/index.js';

/**
 * True when the conformance suite runs against a real MongoDB (MONGODB_URI) rather than the
 * embedded server; embedded-only tests (journal, TTL sweep interval, CLI) skip on it.
 */
export const USING_REAL_MONGO = Boolean(process.env.MONGODB_URI);

/** A database name no other test, file or run uses: `t_<pid>_<random>`. */
export function uniqueDbName(prefix = 't'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** What a test file gets from `useTestMongo()`; read it inside tests and hooks, not at collect time. */
export interface TestMongo {
  /** Connection string without a database name. */
  readonly uri: string;
  /** A connected client shared by the file; closed in afterAll. */
  readonly client: MongoClient;
  /** The file's own database, dropped in afterAll. */
  readonly db: Db;
  /** The embedded server when the file started one (undefined with MONGODB_URI). */
  readonly embedded: EmbeddedMongo | undefined;
  /** A fresh database of its own for one test; dropped in afterAll. */
  freshDb(): Db;
  /** A new MongoClient (e.g. with command monitoring); closed in afterAll. */
  connect(options?: MongoClientOptions): Promise<MongoClient>;
  /** A fresh mongoose Connection (never the global one) on a database of its own; closed and dropped in afterAll. */
  mongoose(): Promise<Connection>;
}

export interface UseTestMongoOptions {
  /** Embedded only: how often TTL indexes are swept (mongod sweeps every 60 s). */
  ttlSweepIntervalMs?: number;
}

/**
 * Registers beforeAll/afterAll hooks giving the calling test file a MongoDB: the one in
 * MONGODB_URI, else one embedded server of its own on a free port. Call at describe level.
 */
export function useTestMongo(options: UseTestMongoOptions = {}): TestMongo {
  let embedded: EmbeddedMongo | undefined;
  let uri = '';
  let client: MongoClient | undefined;
  let db: Db | undefined;
  const databases: string[] = [];
  const clients: MongoClient[] = [];
  const connections: Connection[] = [];

  beforeAll(async () => {
    if (process.env.MONGODB_URI) {
      uri = process.env.MONGODB_URI;
    } else {
      embedded = await startEmbeddedMongo({ port: 0, ...(options.ttlSweepIntervalMs ? { ttlSweepIntervalMs: options.ttlSweepIntervalMs } : {}) });
      uri = embedded.uri;
    }
    client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
    const name = uniqueDbName();
    databases.push(name);
    db = client.db(name);
  });

  afterAll(async () => {
    for (const connection of connections) await connection.close();
    if (client) {
      for (const name of databases) await client.db(name).dropDatabase().catch(() => undefined);
    }
    for (const extra of clients) await extra.close();
    await client?.close();
    await embedded?.stop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useTestMongo: ${what} is only available inside tests and hooks`);
    return value;
  };

  return {
    get uri() {
      return ready(uri || undefined, 'uri');
    },
    get client() {
      return ready(client, 'client');
    },
    get db() {
      return ready(db, 'db');
    },
    get embedded() {
      return embedded;
    },
    freshDb() {
      const name = uniqueDbName();
      databases.push(name);
      return ready(client, 'client').db(name);
    },
    async connect(clientOptions = {}) {
      const extra = await MongoClient.connect(ready(uri || undefined, 'uri'), { serverSelectionTimeoutMS: 5000, ...clientOptions });
      clients.push(extra);
      return extra;
    },
    async mongoose() {
      const name = uniqueDbName();
      databases.push(name);
      const connection = await mongoose.createConnection(ready(uri || undefined, 'uri'), { dbName: name, serverSelectionTimeoutMS: 5000 }).asPromise();
      connections.push(connection);
      return connection;
    },
  };
}

/** Awaits a promise that must reject and returns what it rejected with (fails the test otherwise). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

/** Awaits a promise that must fail with a MongoServerError and returns it, for asserting code and message. */
export async function serverErrorOf(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

/**
 * A behaviour real MongoDB has and the embedded server does not yet. Against MONGODB_URI it
 * is an ordinary test; against the embedded server it must still fail, so fixing the gap
 * makes it fail loudly until `knownGap` is turned back into `it`.
 */
export const knownGap = USING_REAL_MONGO ? it : it.fails;
