import fs from 'node:fs';
import path from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { encodeFrames, MAX_PAYLOAD, type Frame } from './frame-codec.js';
import {
  fsyncDir, headerFrame, LOG_FILE, readLog, readSnapshot, replaceFileSync, SNAPSHOT_FILE, TMP_SUFFIX, writeFully, writeTmpFile,
} from './journal-files.js';
import { StagedFrames } from './staged-frames.js';
import { decodeRecord, encodeDocument, JournalCorruptError, type JournalRecord } from './journal-record.js';

export { JournalCorruptError, type JournalRecord } from './journal-record.js';

export interface JournalOptions {
  fsync: 'always' | 'batched';
  /** default 100 */
  fsyncIntervalMs?: number;
  /** default 64 MiB */
  compactAfterBytes?: number;
  /** Where start-up warnings (a torn tail cut off) go; default process.emitWarning. */
  onWarning?: (message: string) => void;
}

const DEFAULT_FSYNC_INTERVAL_MS = 100;
const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

function recordsOf(frames: Frame[], file: string): JournalRecord[] {
  return frames.map((f) => decodeRecord(f.payload, `${file} at byte ${f.offset}`));
}

function encodeRecord(record: JournalRecord): Buffer {
  const payload = encodeDocument(record);
  if (payload.length > MAX_PAYLOAD) throw new Error(`journal record of ${payload.length} bytes is larger than ${MAX_PAYLOAD}`);
  return payload;
}

/**
 * Durable storage for the embedded server: an append-only log of records plus a snapshot
 * that compaction writes. Layout in the data directory: mongod.lock, journal.log,
 * snapshot.bson (see journal-files.ts for the crash-safety argument).
 */
export class Journal {
  private fd: number;
  private logBytes: number;
  private fsyncTimer: NodeJS.Timeout | null = null;
  private dirty = false;
  private closed = false;
  private failure: Error | null = null;
  /** Records encoded by stage(), written by the next commit(). */
  private readonly staged = new StagedFrames();
  /** Frames appended while a compaction writes its snapshot; they seed the next log. */
  private sinceSnapshot: Buffer[] | null = null;
  private compaction: Promise<void> | null = null;

  private constructor(
    private readonly dir: string,
    private readonly options: Required<Omit<JournalOptions, 'onWarning'>>,
    private generation: number,
    private readonly lock: DataDirLock,
  ) {
    this.fd = fs.openSync(path.join(dir, LOG_FILE), 'a');
    fs.fsyncSync(this.fd); // makes a tail truncation done while reading durable
    this.logBytes = fs.fstatSync(this.fd).size;
  }

  /** Opens (creating) the data dir, takes the directory's lock, reads snapshot + log; returns the records to replay in order. */
  static async open(dir: string, options: JournalOptions): Promise<{ journal: Journal; replay: JournalRecord[] }> {
    await fs.promises.mkdir(dir, { recursive: true });
    const lock = await acquireDataDirLock(dir);
    try {
      const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, { code: 'EMBEDDED_JOURNAL' }));
      const { generation, replay } = Journal.recover(dir, warn);
      const resolved = {
        fsync: options.fsync,
        fsyncIntervalMs: options.fsyncIntervalMs ?? DEFAULT_FSYNC_INTERVAL_MS,
        compactAfterBytes: options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES,
      };
      return { journal: new Journal(dir, resolved, generation, lock), replay };
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Reads both files, decides what to replay, and leaves a log of the snapshot's generation. */
  private static recover(dir: string, warn: (message: string) => void): { generation: number; replay: JournalRecord[] } {
    for (const name of [SNAPSHOT_FILE, LOG_FILE]) fs.rmSync(path.join(dir, name + TMP_SUFFIX), { force: true });
    const snapshot = readSnapshot(dir);
    const log = readLog(dir, warn);
    const generation = snapshot?.header.generation ?? 0;
    const replay = snapshot ? recordsOf(snapshot.frames, path.join(dir, SNAPSHOT_FILE)) : [];
    const logFile = path.join(dir, LOG_FILE);

    if (log === null) {
      replaceFileSync(dir, LOG_FILE, headerFrame({ kind: 'log', generation, logOffset: 0 }));
    } else if (log.header.generation === generation) {
      replay.push(...recordsOf(log.frames, logFile));
    } else if (snapshot && log.header.generation === generation - 1) {
      // Crash after the snapshot was renamed in, before the log was replaced: the snapshot
      // holds the log up to logOffset; what was appended during compaction comes after.
      const tail = log.frames.filter((f) => f.offset >= snapshot.header.logOffset);
      replay.push(...recordsOf(tail, logFile));
      const frames = encodeFrames(tail.map((f) => f.payload));
      replaceFileSync(dir, LOG_FILE, Buffer.concat([headerFrame({ kind: 'log', generation, logOffset: 0 }), frames]));
    } else {
      throw new JournalCorruptError(
        `${logFile} has generation ${log.header.generation} but ${snapshot ? `${SNAPSHOT_FILE} has generation ${generation}` : `${SNAPSHOT_FILE} is missing`}; ` +
          'the files do not belong together',
      );
    }
    return { generation, replay };
  }

  /**
   * Encodes records into the next group commit; nothing reaches the disk until commit().
   * A record that cannot be encoded throws here, before the caller changes anything.
   */
  stage(records: readonly JournalRecord[]): void {
    this.assertWritable();
    if (records.length === 0) return;
    // Encode everything first: a record that cannot be encoded must not leave half a batch.
    this.staged.push(records.map(encodeRecord));
  }

  /** True when stage() has records that commit() has not written yet. */
  hasStaged(): boolean {
    return this.staged.byteLength > 0;
  }

  /**
   * Writes every staged record with one write(2) (and, with fsync 'always', one fsync).
   * Callers acknowledge the writes behind those records only after this returns. A failed
   * write leaves the journal failed: what is in memory may no longer be on disk, so every
   * later stage() and commit() throws until the server is restarted from the journal.
   */
  commit(): void {
    this.assertWritable();
    if (this.staged.byteLength === 0) return;
    const frames = this.staged.take();
    try {
      writeFully(this.fd, frames);
      if (this.options.fsync === 'always') fs.fsyncSync(this.fd);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw this.failure;
    }
    this.logBytes += frames.length;
    this.sinceSnapshot?.push(Buffer.from(frames)); // frames is a view the next stage() reuses
    if (this.options.fsync !== 'always') {
      this.dirty = true;
      this.fsyncTimer ??= setTimeout(() => this.flush(), this.options.fsyncIntervalMs).unref();
    }
  }

  /** stage() and commit() in one: written (write(2) done) before it returns. */
  append(records: readonly JournalRecord[]): void {
    this.stage(records);
    this.commit();
  }

  private assertWritable(): void {
    if (this.closed) throw new Error('journal is closed');
    if (this.failure) throw new Error(`journal failed earlier and takes no more writes: ${this.failure.message}`);
  }

  private flush(): void {
    this.fsyncTimer = null;
    if (!this.dirty || this.closed || this.failure) return;
    this.dirty = false;
    fs.fsyncSync(this.fd);
  }

  /** True when the log is large enough that compact() is worth it. */
  needsCompaction(): boolean {
    return this.logBytes >= this.options.compactAfterBytes;
  }

  /** Writes a snapshot of the whole state atomically and truncates the log. */
  async compact(state: Iterable<JournalRecord>): Promise<void> {
    if (this.closed) throw new Error('journal is closed');
    if (this.compaction) throw new Error('a journal compaction is already running');
    // Staged records are already in the state being captured: write them first so the
    // snapshot's logOffset covers them and they are not replayed a second time.
    this.commit();
    // Capture synchronously: the state, the log length it covers and the frames appended
    // from now on must all describe the same moment.
    const payloads = Array.from(state, encodeRecord);
    const logOffset = this.logBytes;
    this.sinceSnapshot = [];
    this.compaction = this.writeSnapshot(payloads, logOffset);
    try {
      await this.compaction;
    } finally {
      this.compaction = null;
      this.sinceSnapshot = null;
    }
  }

  private async writeSnapshot(payloads: Buffer[], logOffset: number): Promise<void> {
    const generation = this.generation + 1;
    const header = headerFrame({ kind: 'snapshot', generation, logOffset });
    try {
      const tmp = await writeTmpFile(this.dir, SNAPSHOT_FILE, [header, encodeFrames(payloads)]);
      if (this.closed) throw new Error('journal closed during compaction');
      // From here on everything is synchronous, so no append can slip between the steps.
      fs.renameSync(tmp, path.join(this.dir, SNAPSHOT_FILE));
      fsyncDir(this.dir);
      const carried = Buffer.concat([headerFrame({ kind: 'log', generation, logOffset: 0 }), ...(this.sinceSnapshot ?? [])]);
      replaceFileSync(this.dir, LOG_FILE, carried);
      fs.closeSync(this.fd);
      this.fd = fs.openSync(path.join(this.dir, LOG_FILE), 'a');
      this.logBytes = carried.length;
      this.generation = generation;
    } finally {
      fs.rmSync(path.join(this.dir, SNAPSHOT_FILE + TMP_SUFFIX), { force: true });
    }
  }

  /** Waits for a running compaction, writes what is staged, fsyncs, closes the log and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.compaction?.catch(() => undefined);
    if (this.closed) return;
    if (this.fsyncTimer) clearTimeout(this.fsyncTimer);
    this.fsyncTimer = null;
    try {
      if (!this.failure) {
        this.commit();
        fs.fsyncSync(this.fd);
      }
    } finally {
      this.closed = true;
      try {
        fs.closeSync(this.fd);
      } finally {
        await this.lock.release();
      }
    }
  }
}
