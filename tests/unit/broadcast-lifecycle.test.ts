import { describe, expect, it } from 'vitest';
import { countRecipients, lifecycleOf } from '../../src/domain/broadcasts/broadcast-lifecycle.js';

const now = new Date('2027-03-01T02:00:00Z');
const past = new Date('2027-03-01T01:00:00Z');

describe('broadcast lifecycle', () => {
  it('counts a person once: a send on a fallback channel wins over the unreachable first one', () => {
    const counts = countRecipients(
      [
        { userId: 'a', status: 'failed' },
        { userId: 'a', status: 'sent' },
        { userId: 'b', status: 'failed' },
        { userId: 'c', status: 'dead' },
        { userId: 'd', status: 'pending' },
      ],
      2,
    );
    expect(counts).toEqual({ total: 6, sent: 1, failed: 1, unreachable: 3, pending: 1, cancelled: 0 });
  });

  it('is scheduled before its time or before its fan-out, sending while anything is pending', () => {
    const counts = countRecipients([{ userId: 'a', status: 'pending' }], 0);
    expect(lifecycleOf({ cancelled: false, sendAt: new Date('2027-03-02T00:00:00Z'), fannedOut: true, counts, now })).toBe('scheduled');
    expect(lifecycleOf({ cancelled: false, sendAt: past, fannedOut: false, counts, now })).toBe('scheduled');
    expect(lifecycleOf({ cancelled: false, sendAt: past, fannedOut: true, counts, now })).toBe('sending');
    expect(lifecycleOf({ cancelled: true, sendAt: past, fannedOut: true, counts, now })).toBe('cancelled');
  });

  it('ends sent when someone was reached (or nobody was in the segment), failed when nobody could be', () => {
    const sent = countRecipients([{ userId: 'a', status: 'sent' }, { userId: 'b', status: 'dead' }], 1);
    expect(lifecycleOf({ cancelled: false, sendAt: past, fannedOut: true, counts: sent, now })).toBe('sent');
    expect(lifecycleOf({ cancelled: false, sendAt: past, fannedOut: true, counts: countRecipients([], 0), now })).toBe('sent');
    const failed = countRecipients([{ userId: 'b', status: 'dead' }], 1);
    expect(lifecycleOf({ cancelled: false, sendAt: past, fannedOut: true, counts: failed, now })).toBe('failed');
  });
});
