import { EmbeddedServer, type EmbeddedLogger } from './embedded-server.js';
import type { JournalBridge } from './journal-bridge.js';
import type { TextEngine } from './query/text-engine.js';
import { Catalog } from './storage/catalog.js';
import type { ChangeRecord } from './storage/change-record.js';
import { documentTermScores, scoredByTermsAlone, scoreDocument, searchTerms, textIndexDefinition } from './text/text-search.js';

export interface EmbeddedMongoOptions {
  /** 0 = any free port (the default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Directory for the journal; absent = memory only. */
  dataDir?: string;
  fsync?: 'always' | 'batched';
  fsyncIntervalMs?: number;
  /** Journal size after which a snapshot compacts it (journal default 64 MiB); mainly for tests. */
  compactAfterBytes?: number;
  /** How often TTL indexes are swept; mongod's default is 60 s. */
  ttlSweepIntervalMs?: number;
  /** Idle cursors are dropped after this long; mongod's default is 10 min. */
  cursorTimeoutMs?: number;
  logger?: EmbeddedLogger;
  /** Called when the journal cannot be written (disk full, I/O error): the server has stopped itself. */
  onFatal?: (error: unknown) => void;
}

export interface EmbeddedMongo {
  /** mongodb://host:port/ — append a database name. */
  uri: string;
  port: number;
  /** Closes the listener and clients, stops timers, flushes and closes the journal. */
  stop(): Promise<void>;
}

export type { EmbeddedLogger } from './embedded-server.js';

const SILENT: EmbeddedLogger = { info: () => {}, warn: () => {}, error: () => {} };
const TEXT_ENGINE: TextEngine = { scoreDocument, textIndexDefinition, documentTermScores, searchTerms, scoredByTermsAlone };

/** Starts the in-process MongoDB-compatible server; connect the official driver or mongoose to `uri`. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const logger = options.logger ?? SILENT;
  let bridge: JournalBridge | null = null;
  let replay: ChangeRecord[] = [];
  let stop: (() => Promise<void>) | null = null;
  // Like mongod's fatal assertion: a server whose journal cannot be written stops serving.
  const onJournalFailure = (error: unknown): void => {
    void stop?.().catch(() => undefined);
    options.onFatal?.(error);
  };
  if (options.dataDir) {
    // Loaded only when persistence is asked for: memory-only servers never touch the disk code.
    const { JournalBridge } = await import('./journal-bridge.js');
    const journalOptions = { fsync: options.fsync ?? 'always', fsyncIntervalMs: options.fsyncIntervalMs, compactAfterBytes: options.compactAfterBytes };
    ({ bridge, replay } = await JournalBridge.open(options.dataDir, journalOptions, logger, onJournalFailure));
  }
  const catalog = new Catalog((records) => bridge?.append(records));
  catalog.replay(replay);
  const host = options.host ?? '127.0.0.1';
  const server = new EmbeddedServer(catalog, {
    host,
    port: options.port ?? 0,
    ttlSweepIntervalMs: options.ttlSweepIntervalMs ?? 60_000,
    cursorTimeoutMs: options.cursorTimeoutMs ?? 600_000,
    logger,
    text: TEXT_ENGINE,
    afterWrite: () => bridge?.maybeCompact(() => catalog.dump()),
    whenWritten: bridge ? (send) => bridge.whenWritten(send) : (send) => send(),
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (error) {
    await bridge?.close();
    throw error;
  }
  let stopped: Promise<void> | null = null;
  stop = () => (stopped ??= server.close().then(() => bridge?.close()));
  return {
    uri: `mongodb://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    stop,
  };
}
