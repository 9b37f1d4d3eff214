import { GroupCommit } from './group-commit.js';
import { Journal, type JournalRecord } from './persistence/journal.js';
import type { ChangeRecord } from './storage/change-record.js';

export interface JournalBridgeOptions { fsync: 'always' | 'batched'; fsyncIntervalMs?: number | undefined; compactAfterBytes?: number | undefined }

interface BridgeLogger { warn(o: object, msg?: string): void; error(o: object, msg?: string): void }

/** Called when the journal cannot be written: the server must stop, as mongod does. */
export type JournalFailureHandler = (error: unknown) => void;

/**
 * Connects the catalog to the journal: stages each write's records as it runs, writes them
 * in group commits before the replies that depend on them are sent, and runs compaction at
 * a quiet moment (next tick, never two at once).
 */
export class JournalBridge {
  private compacting: Promise<void> | null = null;
  private compactQueued = false;
  private readonly group: GroupCommit;

  private constructor(
    private readonly journal: Journal,
    private readonly logger: BridgeLogger,
    onFailure: JournalFailureHandler,
  ) {
    this.group = new GroupCommit(() => journal.commit(), (error) => {
      logger.error({ err: error }, 'embedded mongo: the journal cannot be written; stopping, as a mongod would. Writes not acknowledged are lost; restart to recover from the journal.');
      onFailure(error);
    });
  }

  /** Opens the data dir; returns the bridge and the records to replay into an empty catalog. */
  static async open(
    dir: string,
    options: JournalBridgeOptions,
    logger: BridgeLogger,
    onFailure: JournalFailureHandler,
  ): Promise<{ bridge: JournalBridge; replay: ChangeRecord[] }> {
    const { journal, replay } = await Journal.open(dir, {
      fsync: options.fsync,
      ...(options.fsyncIntervalMs !== undefined ? { fsyncIntervalMs: options.fsyncIntervalMs } : {}),
      ...(options.compactAfterBytes !== undefined ? { compactAfterBytes: options.compactAfterBytes } : {}),
      onWarning: (message) => logger.warn({ dataDir: dir }, `embedded mongo journal: ${message}`),
    });
    return { bridge: new JournalBridge(journal, logger, onFailure), replay };
  }

  /** Stages records (called from inside the write, before it changes memory); the group commit writes them. */
  append(records: ChangeRecord[]): void {
    this.journal.stage(records as JournalRecord[]);
    this.group.schedule();
  }

  /** Sends a reply once every record staged so far is written. */
  whenWritten(send: () => void): void {
    this.group.whenWritten(send);
  }

  /** Schedules a compaction when the journal asks for one; `dump` must snapshot synchronously. */
  maybeCompact(dump: () => Iterable<ChangeRecord>): void {
    if (this.compacting || this.compactQueued || !this.journal.needsCompaction()) return;
    this.compactQueued = true;
    setImmediate(() => {
      this.compactQueued = false;
      // Materialised now: stored documents are replaced, never mutated, so this is a consistent snapshot.
      const state = [...dump()] as JournalRecord[];
      this.compacting = this.journal
        .compact(state)
        .catch((error: unknown) => this.logger.error({ err: error }, 'embedded mongo: journal compaction failed'))
        .finally(() => {
          this.compacting = null;
        });
    });
  }

  /** Waits for a running compaction, then writes what is staged, flushes and closes the journal. */
  async close(): Promise<void> {
    this.group.stop();
    if (this.compacting) await this.compacting;
    await this.journal.close();
  }
}
