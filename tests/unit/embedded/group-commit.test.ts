import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../src/db/embedded/group-commit.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('sends the replies of a turn only after one commit covering all their writes', async () => {
    const events: string[] = [];
    const group = new GroupCommit(() => events.push('commit'), () => events.push('failed'));
    group.schedule();
    group.whenWritten(() => events.push('reply 1'));
    group.schedule();
    group.whenWritten(() => events.push('reply 2 (a read)'));
    expect(events).toEqual([]);
    await nextTurn();
    expect(events).toEqual(['commit', 'reply 1', 'reply 2 (a read)']);
  });

  it('sends at once when no write is waiting for the journal', () => {
    const sent: number[] = [];
    const group = new GroupCommit(() => undefined, () => undefined);
    group.whenWritten(() => sent.push(1));
    expect(sent).toEqual([1]);
  });

  it('never sends a reply whose writes failed to reach the journal, nor any later one', async () => {
    const sent: string[] = [];
    const failures: unknown[] = [];
    const group = new GroupCommit(() => {
      throw new Error('ENOSPC: no space left on device');
    }, (error) => failures.push(error));
    group.schedule();
    group.whenWritten(() => sent.push('before'));
    await nextTurn();
    group.whenWritten(() => sent.push('after'));
    expect(sent).toEqual([]);
    expect(failures).toHaveLength(1);
  });
});
