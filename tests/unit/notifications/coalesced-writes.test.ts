import { describe, expect, it } from 'vitest';
import { CoalescedWrites } from '../../../src/domain/notifications/coalesced-writes.js';

describe('recording sends made close together', () => {
  it('writes sends asked for within the window in one write, and each caller hears when it is done', async () => {
    const writes: number[][] = [];
    const records = new CoalescedWrites<number>(async (items) => void writes.push(items), 5);
    const first = records.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = records.add(2);
    await Promise.all([first, second]);
    expect(writes).toEqual([[1, 2]]);
  });

  it('writes a full batch at once, without waiting out the window', async () => {
    const writes: number[][] = [];
    const records = new CoalescedWrites<number>(async (items) => void writes.push(items), 60_000, 3);
    await Promise.all([records.add(1), records.add(2), records.add(3)]);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it('tells every caller of a failed write that it failed', async () => {
    const records = new CoalescedWrites<number>(async () => {
      throw new Error('database down');
    }, 0);
    const outcomes = await Promise.allSettled([records.add(1), records.add(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
