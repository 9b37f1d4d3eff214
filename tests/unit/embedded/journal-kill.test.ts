import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../src/db/embedded/persistence/journal.js';

const writer = fileURLToPath(new URL('./fixtures/journal-writer.ts', import.meta.url));
let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the writer, SIGKILLs it after `killAfter` acks, returns the highest acked index. */
function runAndKill(killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, '100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    let lastAck = -1;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) lastAck = Number(line.slice(4));
      if (lastAck >= killAfter && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(lastAck) : reject(new Error(`writer exited without being killed (${signal ?? _code})`))));
  });
}

describe('Journal durability', () => {
  it('keeps every acknowledged record when the writer is killed with SIGKILL', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-kill-'));
    const killAfter = 200 + Math.floor(Math.random() * 2000);
    const lastAck = await runAndKill(killAfter);
    expect(lastAck).toBeGreaterThanOrEqual(killAfter);

    // The dead writer's lock is stale and must be taken over.
    const { journal, replay } = await Journal.open(dir, { fsync: 'always', onWarning: () => undefined });
    await journal.close();
    const ids = replay.map((r) => (r.op === 'put' ? r.doc._id : null));
    expect(ids.length).toBeGreaterThanOrEqual(lastAck + 1);
    expect(ids.slice(0, lastAck + 1)).toEqual(Array.from({ length: lastAck + 1 }, (_, i) => i));
  }, 60_000);
});
