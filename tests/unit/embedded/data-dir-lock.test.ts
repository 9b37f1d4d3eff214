import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirInUseError, isDataDirLocked } from '../../../src/db/embedded/persistence/data-dir-lock.js';

const HOLDER = fileURLToPath(new URL('../../fixtures/data-dir-lock-holder.ts', import.meta.url));
const dirs: string[] = [];
const kills: (() => void)[] = [];

function newDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-dir-lock-'));
  dirs.push(dir);
  return dir;
}

/** A process holding `dir`'s lock; `dead` resolves when the kernel closed its stdout as it died. */
async function holderOf(dir: string): Promise<{ pid: number; kill(): void; dead: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  kills.push(() => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout });
  const dead = new Promise<void>((resolve) => lines.once('close', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    void dead.then(() => reject(new Error('the lock holder died before taking the lock')));
  });
  return { pid: Number(line.replace('held ', '')), kill: () => child.kill('SIGKILL'), dead };
}

afterEach(() => {
  for (const kill of kills.splice(0)) kill();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('refuses a second opener in the same process, naming the directory', async () => {
    const dir = newDir();
    const lock = await acquireDataDirLock(dir);
    const refusal = await acquireDataDirLock(dir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as Error).message).toBe(
      `data directory ${dir} is in use by this process (opened twice?): one server at a time can use it. Stop that server, or connect to it.`,
    );
    await lock.release();
    await (await acquireDataDirLock(dir)).release();
  });

  it('holds the pid in mongod.lock for people to read, and leaves it empty after release', async () => {
    const dir = newDir();
    const lock = await acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8')).toBe(`${process.pid}\n`);
    expect(await isDataDirLocked(dir)).toBe(true);
    await lock.release();
    expect(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8')).toBe('');
    expect(await isDataDirLocked(dir)).toBe(false);
  });

  it('is one lock for every path that reaches the directory', async () => {
    const dir = newDir();
    const link = `${dir}-link`;
    fs.symlinkSync(dir, link);
    dirs.push(link);
    const lock = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(link)).rejects.toBeInstanceOf(DataDirInUseError);
    await lock.release();
  });

  it('refuses a directory another live process holds, naming it and its pid', async () => {
    const dir = newDir();
    const holder = await holderOf(dir);
    expect(await isDataDirLocked(dir)).toBe(true);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(`data directory ${dir} is in use by process ${holder.pid}:`);
  }, 30_000);

  it('is taken over at once when its holder was killed with SIGKILL, though mongod.lock still names it', async () => {
    const dir = newDir();
    const holder = await holderOf(dir);
    holder.kill();
    await holder.dead;
    expect(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8').trim()).toBe(String(holder.pid));
    expect(await isDataDirLocked(dir)).toBe(false);
    const lock = await acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8').trim()).toBe(String(process.pid));
    await lock.release();
  }, 30_000);
});
