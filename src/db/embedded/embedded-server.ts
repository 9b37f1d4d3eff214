import net from 'node:net';
import type { Document } from 'bson';
import { runCommand, WRITE_COMMANDS } from './command-router.js';
import { Connection, type ClientInfo, type CommandExecutor } from './connection.js';
import { CursorRegistry } from './cursor-registry.js';
import type { TextEngine } from './query/text-engine.js';
import type { Catalog } from './storage/catalog.js';
import { TtlSweeper } from './storage/ttl-sweeper.js';

/** The logger shape the server writes to (pino-compatible). */
export interface EmbeddedLogger {
  info(o: object, msg?: string): void;
  warn(o: object, msg?: string): void;
  error(o: object, msg?: string): void;
}

export interface ServerSettings {
  host: string;
  port: number;
  ttlSweepIntervalMs: number;
  cursorTimeoutMs: number;
  logger: EmbeddedLogger;
  text?: TextEngine;
  /** Called after every command that may have written (journal compaction check). */
  afterWrite: () => void;
  /** Sends a reply once the journal holds every write made so far (group commit). */
  whenWritten: (send: () => void) => void;
}

/** The TCP listener plus the shared state behind it; one instance per startEmbeddedMongo(). */
export class EmbeddedServer implements CommandExecutor {
  private readonly cursors: CursorRegistry;
  private readonly ttl: TtlSweeper;
  private readonly connections = new Set<Connection>();
  private readonly listener: net.Server;
  private cursorTimer: NodeJS.Timeout | undefined;
  private nextConnectionId = 1;

  constructor(
    private readonly catalog: Catalog,
    private readonly settings: ServerSettings,
  ) {
    this.cursors = new CursorRegistry(settings.cursorTimeoutMs);
    this.ttl = new TtlSweeper(catalog, settings.ttlSweepIntervalMs, (removed) => {
      if (removed > 0) settings.afterWrite();
    });
    this.listener = net.createServer((socket) => this.accept(socket));
  }

  /** Starts listening; resolves with the bound port. */
  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.listener.once('error', reject);
      this.listener.listen(this.settings.port, this.settings.host, () => {
        this.listener.off('error', reject);
        resolve();
      });
    });
    this.ttl.start();
    const sweepEvery = Math.max(20, Math.min(60_000, Math.floor(this.settings.cursorTimeoutMs / 2)));
    this.cursorTimer = setInterval(() => this.cursors.sweep(), sweepEvery);
    this.cursorTimer.unref();
    const address = this.listener.address();
    return typeof address === 'object' && address ? address.port : this.settings.port;
  }

  /** Stops accepting, drops every client and timer. */
  async close(): Promise<void> {
    this.ttl.stop();
    if (this.cursorTimer) clearInterval(this.cursorTimer);
    for (const connection of this.connections) connection.destroy();
    this.connections.clear();
    this.cursors.clear();
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
  }

  execute(command: Document, db: string, client: ClientInfo): Document {
    const ctx = { db, catalog: this.catalog, cursors: this.cursors, text: this.settings.text, ttlMonitor: this.ttl, ...client };
    const reply = runCommand(command, ctx, (error, name) => {
      this.settings.logger.error({ err: error, command: name }, 'embedded mongo: command failed with an internal error');
    });
    if (WRITE_COMMANDS.has(Object.keys(command)[0] ?? '')) this.settings.afterWrite();
    return reply;
  }

  whenWritten(send: () => void): void {
    this.settings.whenWritten(send);
  }

  private accept(socket: net.Socket): void {
    const connection = new Connection(socket, this.nextConnectionId++, this, this.settings.logger);
    this.connections.add(connection);
    socket.on('close', () => this.connections.delete(connection));
  }
}
