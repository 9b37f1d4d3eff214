import { describe, expect, it } from 'vitest';
import { AcknowledgeFirst } from '../../../bots/discord/acknowledge-first.js';

/** A promise settled from the test. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Discord interactions in a burst', () => {
  it('starts nobody’s work until every acknowledgement already under way is out', async () => {
    const acks = new AcknowledgeFirst();
    const first = deferred();
    const second = deferred();
    const started: string[] = [];
    const answered = acks.answer(first.promise, async () => void started.push('first'));
    void acks.answer(second.promise, async () => void started.push('second'));
    first.resolve();
    await settle();
    expect(started).toEqual([]);
    second.resolve();
    await answered;
    await settle();
    expect(started).toEqual(['first', 'second']);
  });

  it('does not hold work back for acknowledgements begun after its own was out', async () => {
    const acks = new AcknowledgeFirst();
    const first = deferred();
    let ran = false;
    const answered = acks.answer(first.promise, async () => {
      ran = true;
    });
    first.resolve();
    await settle();
    // A new interaction arrives and its acknowledgement never comes back.
    void acks.answer(new Promise(() => undefined), async () => undefined);
    await answered;
    expect(ran).toBe(true);
  });

  it('runs a few interactions’ work at a time, first come first served', async () => {
    const acks = new AcknowledgeFirst(2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const answers = gates.map((gate, i) =>
      acks.answer(Promise.resolve(), async () => {
        started.push(i);
        await gate.promise;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    gates[0]?.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    await Promise.all(answers);
  });
});
