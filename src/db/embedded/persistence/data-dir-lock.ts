import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'mongod.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'wx');
    try {
      fs.writeSync(fd, `${process.pid}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the data directory's lock file (holding our pid). A lock held by a live process
 * is refused; a stale one (its process is gone) is taken over. Returns the release function.
 */
export function acquireDataDirLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file)) return () => releaseLock(file);
    let content = '';
    try {
      content = fs.readFileSync(file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    const pid = Number.parseInt(content, 10);
    // A lock file being written right now can be empty for a moment: treat as held.
    if (content === '' && attempt < 2) continue;
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      const who = pid === process.pid ? 'this process (opened twice?)' : `process ${pid}`;
      throw new Error(`data directory ${dir} is in use by ${who}: ${file} is locked. Stop that process, or delete the lock file if you are sure it is stale.`);
    }
    fs.rmSync(file, { force: true }); // stale: the holder died without releasing
  }
  throw new Error(`could not take the lock ${file}: another process keeps taking it`);
}

function releaseLock(file: string): void {
  try {
    if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}
