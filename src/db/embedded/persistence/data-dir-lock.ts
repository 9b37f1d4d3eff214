import fs from 'node:fs';
import path from 'node:path';
import { directoryIdentity, isKernelLockHeld, takeKernelLock } from './kernel-lock.js';

export const LOCK_FILE = 'mongod.lock';

/** Another live process (or this one) serves the data directory. */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';

  constructor(
    readonly dir: string,
    /** The pid mongod.lock names, for the message only: the kernel lock decided. */
    readonly pid: number | undefined,
    thisProcess: boolean,
  ) {
    const who = thisProcess ? 'this process (opened twice?)' : pid ? `process ${pid}` : 'another process';
    super(`data directory ${dir} is in use by ${who}: one server at a time can use it. Stop that server, or connect to it.`);
    this.name = 'DataDirInUseError';
  }
}

/** A held data directory lock. */
export interface DataDirLock {
  /** Empties mongod.lock (as mongod leaves it after a clean shutdown) and frees the lock. */
  release(): Promise<void>;
}

/** Directories this process holds, so a second opener here is told it is this process. */
const heldHere = new Set<string>();

function pidIn(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory (which must exist) for this process, with a lock the kernel frees
 * when the process dies (see kernel-lock.ts), so a restart right after kill -9 succeeds.
 * mongod.lock then holds our pid for people to read; it decides nothing. Fails with
 * DataDirInUseError while another live process, or this one, holds the directory.
 */
export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  const file = path.join(dir, LOCK_FILE);
  const identity = directoryIdentity(dir);
  if (heldHere.has(identity)) throw new DataDirInUseError(dir, process.pid, true);
  heldHere.add(identity); // before the await: two openers in this process must not both try
  let lock;
  try {
    lock = await takeKernelLock(dir, file);
  } catch (error) {
    heldHere.delete(identity);
    throw error;
  }
  if (!lock) {
    heldHere.delete(identity);
    throw new DataDirInUseError(dir, pidIn(file), false);
  }
  const held = lock;
  try {
    fs.writeFileSync(file, `${process.pid}\n`);
  } catch (error) {
    await held.release();
    heldHere.delete(identity);
    throw error;
  }
  let released: Promise<void> | null = null;
  return {
    release: () =>
      (released ??= (async () => {
        try {
          fs.truncateSync(file); // before freeing: afterwards the file is the next holder's
        } catch {
          // The directory was removed under us: nothing to empty.
        }
        await held.release();
        heldHere.delete(identity);
      })()),
  };
}

/** True while a live process (this one included) holds the data directory; never takes it. */
export async function isDataDirLocked(dir: string): Promise<boolean> {
  try {
    return await isKernelLockHeld(dir, path.join(dir, LOCK_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false; // no such directory
    throw error;
  }
}
