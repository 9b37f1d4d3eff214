/**
 * The child side of bench/fake-platforms-process.ts: starts the fakes in this process and
 * answers the parent's calls over IPC. Run with `node --import tsx` by `fork`.
 */
import { startFakePlatforms, type FakePlatforms, type FakePlatformsOptions, type SeedUsers } from './fake-platforms.js';

/** A call from the parent; `id` pairs it with its answer. */
export type FakePlatformsCall =
  | { id: number; op: 'start'; options: FakePlatformsOptions }
  | { id: number; op: 'addUsers'; users: SeedUsers }
  | { id: number; op: 'counters' }
  | { id: number; op: 'close' };

/** The answer to one call: its result, or the error it threw. */
export type FakePlatformsAnswer = { id: number; result: unknown } | { id: number; error: string };

let platforms: FakePlatforms | undefined;

async function answer(call: FakePlatformsCall): Promise<unknown> {
  if (call.op === 'start') {
    platforms = await startFakePlatforms(call.options);
    return { telegram: platforms.telegram, discord: platforms.discord };
  }
  if (!platforms) throw new Error(`fake platforms not started before ${call.op}`);
  switch (call.op) {
    case 'addUsers':
      return platforms.addUsers(call.users);
    case 'counters':
      return platforms.counters();
    case 'close':
      await platforms.close();
      // Disconnecting lets the event loop end once the answer is flushed.
      setImmediate(() => process.disconnect());
      return null;
  }
}

process.on('message', (call: FakePlatformsCall) => {
  answer(call).then(
    (result) => process.send?.({ id: call.id, result } satisfies FakePlatformsAnswer),
    (error: unknown) => process.send?.({ id: call.id, error: error instanceof Error ? error.message : String(error) } satisfies FakePlatformsAnswer),
  );
});

// A bench that crashed or was interrupted must not leave the fakes listening.
process.on('disconnect', () => process.exit(0));
