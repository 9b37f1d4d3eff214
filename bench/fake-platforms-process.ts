/**
 * The fake platforms in a child process of their own, so their HTTP handling and
 * bookkeeping run on the other core instead of being charged to the pipeline under test,
 * as the real Telegram and Discord would be. The bench talks to the child over IPC for the
 * few things it needs: where the fakes listen, seeding users, and the counters it measures.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { FakePlatformsAnswer, FakePlatformsCall } from './fake-platforms-child.js';
import type { FakePlatforms, FakePlatformsAddress, FakePlatformsCounters, FakePlatformsOptions, SeedUsers } from './fake-platforms.js';

const CHILD = fileURLToPath(new URL('./fake-platforms-child.ts', import.meta.url));

/** A call without its id (the id is added when it is sent). */
type CallBody = FakePlatformsCall extends infer C ? (C extends unknown ? Omit<C, 'id'> : never) : never;

/** Forks the child, starts both fakes there and resolves once they listen. */
export async function startFakePlatformsProcess(options: FakePlatformsOptions): Promise<FakePlatforms> {
  const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  child.on('message', (message: FakePlatformsAnswer) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if ('error' in message) pending?.reject(new Error(`fake platforms: ${message.error}`));
    else pending?.resolve(message.result);
  });
  child.once('exit', (code) => {
    for (const pending of waiting.values()) pending.reject(new Error(`fake platforms process exited with ${code}`));
    waiting.clear();
  });
  const call = <T>(body: CallBody): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...body, id } as FakePlatformsCall);
    });

  const address = await call<FakePlatformsAddress>({ op: 'start', options });
  return {
    where: 'own process',
    ...address,
    addUsers: (users: SeedUsers) => call<string[]>({ op: 'addUsers', users }),
    counters: () => call<FakePlatformsCounters>({ op: 'counters' }),
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      await call<null>({ op: 'close' });
      await exited;
    },
  };
}
