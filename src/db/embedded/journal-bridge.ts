import { Journal, type JournalRecord } from './persistence/journal.js';
import type { ChangeRecord } from './storage/change-record.js';

export interface JournalBridgeOptions { fsync: 'always' | 'batched'; fsyncIntervalMs?: number | undefined; compactAfterBytes?: number | undefined }

interface BridgeLogger { warn(o: object, msg?: string): void; error(o: object, msg?: string): void }

/**
 * Connects the catalog to the journal: appends each write's records before the reply is
 * sent, and runs compaction at a quiet moment (next tick, never two at once).
 */
export class JournalBridge {
  private compacting: Promise<void> | null = null;
  private compactQueued = false;

  private constructor(
    private readonly journal: Journal,
    private readonly logger: BridgeLogger,
  ) {}

  /** Opens the data dir; returns the bridge and the records to replay into an empty catalog. */
  static async open(dir: string, options: JournalBridgeOptions, logger: BridgeLogger): Promise<{ bridge: JournalBridge; replay: ChangeRecord[] }> {
    const { journal, replay } = await Journal.open(dir, {
      fsync: options.fsync,
      ...(options.fsyncIntervalMs !== undefined ? { fsyncIntervalMs: options.fsyncIntervalMs } : {}),
      ...(options.compactAfterBytes !== undefined ? { compactAfterBytes: options.compactAfterBytes } : {}),
      onWarning: (message) => logger.warn({ dataDir: dir }, `embedded mongo journal: ${message}`),
    });
    return { bridge: new JournalBridge(journal, logger), replay };
  }

  /** Synchronously appends records (called from inside the write, before the reply). */
  append(records: ChangeRecord[]): void {
    this.journal.append(records as JournalRecord[]);
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

  /** Waits for a running compaction, then flushes and closes the journal. */
  async close(): Promise<void> {
    if (this.compacting) await this.compacting;
    await this.journal.close();
  }
}
