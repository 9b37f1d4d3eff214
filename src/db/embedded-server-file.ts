import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDataDirLocked } from './embedded/persistence/data-dir-lock.js';

/**
 * While a process serves the embedded database from a data directory, it records its URI
 * here, so other processes on the same directory (`npm run admin`, a second `npm start`)
 * connect to it instead of failing on the directory's lock.
 */
const FILE = 'server.json';

interface ServerFile {
  pid: number;
  uri: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The URI of a live process serving this data directory, if there is one. The directory's
 * lock decides: after kill -9 the file stays, and its pid may be a zombie or reused.
 */
export async function runningEmbeddedUri(dataDir: string): Promise<string | undefined> {
  let file: ServerFile;
  try {
    file = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as ServerFile;
  } catch {
    return undefined;
  }
  const announced = typeof file.uri === 'string' && Number.isInteger(file.pid) && file.pid !== process.pid && alive(file.pid);
  return announced && (await isDataDirLocked(dataDir)) ? file.uri : undefined;
}

/** Announces this process as the server of the data directory; returns the function that withdraws it. */
export function announceEmbeddedServer(dataDir: string, uri: string): () => void {
  const path = join(dataDir, FILE);
  writeFileSync(path, JSON.stringify({ pid: process.pid, uri } satisfies ServerFile));
  return () => rmSync(path, { force: true });
}
