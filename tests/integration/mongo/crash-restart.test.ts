import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServerChild, type ServerChild } from '../../support/embedded-server-child.js';
import { USING_REAL_MONGO } from '../../support/mongo.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 50);
const IN_FLIGHT = 4;
// Servers loading ahead of their turn: a cold `node --import tsx` start costs far more than a round.
const LOADING_AHEAD = 3;

interface Item { _id: number }

interface Writes {
  client: Promise<MongoClient>;
  /** Resolves once `count` inserts in all are acknowledged; rejects if a write fails before `killing()`. */
  reached(count: number): Promise<void>;
  /** From now on failed writes are expected: the server is being killed. */
  killing(): void;
}

/** Inserts with IN_FLIGHT writes in flight until the server dies; `acked` gets every acknowledged _id. */
function keepWriting(uri: string, firstId: number, acked: number[]): Writes {
  const client = MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: IN_FLIGHT });
  let nextId = firstId;
  let killing = false;
  let failure: unknown;
  const waiters: { count: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  const settle = (): void => {
    for (const w of [...waiters]) {
      if (failure === undefined && acked.length < w.count) continue;
      waiters.splice(waiters.indexOf(w), 1);
      if (failure === undefined) w.resolve();
      else w.reject(failure);
    }
  };
  const writer = async (): Promise<void> => {
    const items = (await client).db('crash').collection<Item>('items');
    for (;;) {
      const id = nextId++;
      await items.insertOne({ _id: id });
      acked.push(id);
      settle();
    }
  };
  for (let i = 0; i < IN_FLIGHT; i++) {
    writer().catch((error: unknown) => {
      // Writes in flight when the server dies fail: they were never acknowledged.
      if (killing) return;
      failure ??= error;
      settle();
    });
  }
  return {
    client,
    reached: (count) =>
      new Promise((resolve, reject) => {
        waiters.push({ count, resolve, reject });
        settle();
      }),
    killing: () => (killing = true),
  };
}

function pidAnswers(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// kill -9 belongs to the embedded server; a real MongoDB in MONGODB_URI is not ours to kill.
describe.skipIf(USING_REAL_MONGO)('embedded server restarted right after kill -9', () => {
  const dirs: string[] = [];
  const children: ServerChild[] = [];
  const spawnChild = (dir: string): ServerChild => {
    const child = spawnServerChild(dir);
    children.push(child);
    return child;
  };

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.dispose()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it(`starts at once on the same data directory ${ROUNDS} times in a row, keeping every acknowledged insert`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mongo-crash-restart-'));
    dirs.push(dir);
    const acked: number[] = [];
    const deathMs: number[] = [];
    const restartMs: number[] = [];
    let current = spawnChild(dir);
    let uri = await current.start();
    // The next servers load while this one takes writes, so one can open the directory the
    // moment this one dies, as a supervisor restarting a crashed mongod would.
    const waiting = Array.from({ length: Math.min(LOADING_AHEAD, ROUNDS) }, () => spawnChild(dir));

    for (let round = 0; round < ROUNDS; round++) {
      const next = waiting.shift()!;
      if (round + waiting.length + 1 < ROUNDS) waiting.push(spawnChild(dir));
      await next.pid;
      const writes = keepWriting(uri, round * 100_000, acked);
      await writes.reached(acked.length + 1 + ((round * 7) % 40));
      const killedPid = await current.pid;

      writes.killing();
      const killedAt = performance.now();
      await current.kill();
      await current.dead;
      deathMs.push(performance.now() - killedAt);
      // Dead, but not reaped: its pid still answers, and mongod.lock still names it. Neither
      // may keep the restart from taking the directory.
      expect(pidAnswers(killedPid)).toBe(true);
      expect(readFileSync(join(dir, 'mongod.lock'), 'utf8').trim()).toBe(String(killedPid));
      uri = await next.start();
      restartMs.push(performance.now() - killedAt);
      await (await writes.client).close(true);

      const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
      const ids = new Set((await client.db('crash').collection<Item>('items').find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
      await client.close();
      expect(acked.filter((id) => !ids.has(id)), `acknowledged inserts lost in round ${round}`).toEqual([]);
      current = next;
    }

    // Each restart began as soon as the kernel had the server dead, without waiting. The
    // median, not the maximum: on a loaded machine one exit can take longer than 100 ms.
    const medianOf = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
    expect(medianOf(deathMs), `ms from kill to death: ${deathMs.map((ms) => ms.toFixed(0)).join(' ')}`).toBeLessThan(100);
    const median = medianOf(restartMs);
    console.log(
      `${ROUNDS} kill -9 restarts: death seen ≤ ${Math.max(...deathMs).toFixed(1)} ms after the kill; ` +
        `serving again after median ${median.toFixed(1)} ms, max ${Math.max(...restartMs).toFixed(1)} ms; ` +
        `${acked.length} acknowledged inserts all kept`,
    );
  }, 300_000);
});
