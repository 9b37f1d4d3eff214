import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { startEmbeddedMongo } from './embedded/index.js';
import { announceEmbeddedServer, runningEmbeddedUri } from './embedded-server-file.js';

/** The service's MongoDB: a mongoose connection plus whatever must be closed after it. */
export interface MongoHandle {
  connection: Connection;
  uri: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** Connects mongoose to MONGODB_URI, or starts the embedded server when none is configured. */
export async function connectMongo(settings: Config['mongo'], logger: Logger): Promise<MongoHandle> {
  if (settings.kind === 'external') {
    const connection = await mongoose
      .createConnection(settings.uri, {
        serverSelectionTimeoutMS: 5000,
        ...(settings.dbName ? { dbName: settings.dbName } : {}),
      })
      .asPromise();
    return { connection, uri: settings.uri, embedded: false, close: () => connection.close() };
  }
  const shared = settings.dataDir ? await runningEmbeddedUri(settings.dataDir) : undefined;
  if (shared) {
    logger.info({ uri: shared }, 'another process serves the embedded database in this data directory; using it');
    return connectMongo({ kind: 'external', uri: shared, dbName: settings.dbName }, logger);
  }
  const server = await startEmbeddedMongo({
    port: settings.port,
    ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
    fsync: settings.fsync,
    logger: logger.child({ component: 'embedded-mongo' }),
  });
  const uri = `${server.uri.replace(/\/$/, '')}/${settings.dbName}`;
  logger.info(
    { uri, dataDir: settings.dataDir ?? '(memory only)' },
    'using the embedded development database; set MONGODB_URI to use a real MongoDB',
  );
  const withdraw = settings.dataDir ? announceEmbeddedServer(settings.dataDir, server.uri) : () => undefined;
  const stopServer = async () => {
    withdraw();
    await server.stop();
  };
  const connection = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 5000 })
    .asPromise()
    .catch(async (error: unknown) => {
      await stopServer();
      throw error;
    });
  return {
    connection,
    uri,
    embedded: true,
    close: async () => {
      await connection.close();
      await stopServer();
    },
  };
}

/** Resolves when MongoDB answers a ping on this connection. */
export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) throw new Error('not connected');
  await db.admin().ping();
}
