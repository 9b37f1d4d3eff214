import fs from 'node:fs';
import path from 'node:path';
import { encodeFrames, scanFrames, type Frame } from './frame-codec.js';
import { decodeDocument, encodeDocument, JournalCorruptError } from './journal-record.js';

export const LOG_FILE = 'journal.log';
export const SNAPSHOT_FILE = 'snapshot.bson';
export const TMP_SUFFIX = '.tmp';

const FORMAT = 'vn-expert-bridge/embedded-journal';
const FORMAT_VERSION = 1;

/**
 * First frame of each file. Generations tie the two together: a snapshot of generation
 * g+1 covers the log of generation g up to `logOffset`, so after a crash between writing
 * the snapshot and replacing the log, only the log's tail beyond that offset is replayed.
 */
export interface FileHeader {
  kind: 'log' | 'snapshot';
  generation: number;
  logOffset: number;
}

/** Encodes a header as a single frame. */
export function headerFrame(header: FileHeader): Buffer {
  return encodeFrames([encodeDocument({ format: FORMAT, version: FORMAT_VERSION, ...header })]);
}

/** Reads and checks the header in the first frame of a file. */
export function readHeader(frame: Frame | undefined, kind: FileHeader['kind'], file: string): FileHeader {
  const doc = frame ? decodeDocument(frame.payload) : {};
  if (doc.format !== FORMAT || doc.kind !== kind) {
    throw new JournalCorruptError(`${file} does not start with a ${kind} header of ${FORMAT}; is this the right data directory?`);
  }
  if (doc.version !== FORMAT_VERSION) {
    throw new JournalCorruptError(`${file} has format version ${String(doc.version)}; this build reads version ${FORMAT_VERSION}`);
  }
  return { kind, generation: Number(doc.generation), logOffset: Number(doc.logOffset ?? 0) };
}

/** Writes all of buf at the fd's position, looping over short writes. */
export function writeFully(fd: number, buf: Buffer): void {
  let written = 0;
  while (written < buf.length) written += fs.writeSync(fd, buf, written, buf.length - written);
}

/** fsyncs a directory so a rename or file creation inside it is durable. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces dir/name with content atomically: write name.tmp, fsync, rename, fsync dir. */
export function replaceFileSync(dir: string, name: string, content: Buffer): void {
  const tmp = path.join(dir, name + TMP_SUFFIX);
  const fd = fs.openSync(tmp, 'w');
  try {
    writeFully(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, name));
  fsyncDir(dir);
}

/** Async variant of replaceFileSync's first half: writes and fsyncs name.tmp without blocking. */
export async function writeTmpFile(dir: string, name: string, chunks: readonly Buffer[]): Promise<string> {
  const tmp = path.join(dir, name + TMP_SUFFIX);
  const handle = await fs.promises.open(tmp, 'w');
  try {
    for (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

export interface ReadFile {
  header: FileHeader;
  frames: Frame[];
}

/** Reads a snapshot, which is only ever renamed into place whole: any bad frame is corruption. */
export function readSnapshot(dir: string): ReadFile | null {
  const file = path.join(dir, SNAPSHOT_FILE);
  if (!fs.existsSync(file)) return null;
  const scan = scanFrames(fs.readFileSync(file));
  if (scan.badFrame) {
    throw new JournalCorruptError(`${file} is corrupt at byte ${scan.badFrame.offset} (${scan.badFrame.reason}); restore it from a backup`);
  }
  const [first, ...frames] = scan.frames;
  return { header: readHeader(first, 'snapshot', file), frames };
}

/**
 * Reads the log. A torn tail is cut off (with a warning) so the next append starts on a
 * frame boundary; a bad frame with good data after it stops the start-up instead.
 * Returns null when there is no log or not even a complete header (a crash at creation).
 */
export function readLog(dir: string, warn: (message: string) => void): ReadFile | null {
  const file = path.join(dir, LOG_FILE);
  if (!fs.existsSync(file)) return null;
  const buf = fs.readFileSync(file);
  const scan = scanFrames(buf);
  if (scan.badFrame) {
    const { offset, reason, tornTail } = scan.badFrame;
    if (!tornTail) {
      throw new JournalCorruptError(
        `${file} is corrupt at byte ${offset} of ${buf.length} (${reason}) with data after it; ` +
          'refusing to start so nothing is silently lost. Restore from a backup, or truncate the file at that byte to keep what precedes it.',
      );
    }
    warn(`${file}: dropped ${buf.length - offset} bytes of an incomplete write at byte ${offset} (${reason}); this is expected after a crash`);
    fs.truncateSync(file, offset);
  }
  const [first, ...frames] = scan.frames;
  if (!first) return null;
  return { header: readHeader(first, 'log', file), frames };
}
