import { describe, expect, it } from 'vitest';
import { endOfQuietHours } from '../../../src/domain/notifications/quiet-hours.js';

const night = { start: '22:00', end: '07:00' };

describe('quiet hours', () => {
  it('sends at once outside quiet hours', () => {
    const now = new Date('2026-11-24T05:00:00Z'); // 12:00 in Hanoi
    expect(endOfQuietHours(now, 'Asia/Ho_Chi_Minh', night)).toEqual(now);
  });

  it('waits until 07:00 local when it is 23:30 local (across midnight)', () => {
    const now = new Date('2026-11-24T16:30:00Z'); // 23:30 in Hanoi
    expect(endOfQuietHours(now, 'Asia/Ho_Chi_Minh', night).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });

  it('waits until 07:00 local when it is 03:00 local', () => {
    const now = new Date('2026-11-23T20:00:00Z'); // 03:00 in Hanoi
    expect(endOfQuietHours(now, 'Asia/Ho_Chi_Minh', night).toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });

  it('handles a daytime window that does not cross midnight', () => {
    const now = new Date('2026-06-10T11:00:00Z'); // 13:00 in Berlin (CEST)
    const lunch = { start: '12:30', end: '14:00' };
    expect(endOfQuietHours(now, 'Europe/Berlin', lunch).toISOString()).toBe('2026-06-10T12:00:00.000Z');
  });

  it('ends at 07:00 wall-clock time even when DST starts during the night', () => {
    const now = new Date('2026-03-28T23:00:00Z'); // 00:00 CET in Berlin; clocks jump at 02:00
    expect(endOfQuietHours(now, 'Europe/Berlin', night).toISOString()).toBe('2026-03-29T05:00:00.000Z'); // 07:00 CEST
  });

  it('treats no window, or an empty one, as no quiet hours', () => {
    const now = new Date('2026-11-24T16:30:00Z');
    expect(endOfQuietHours(now, 'Asia/Ho_Chi_Minh', null)).toEqual(now);
    expect(endOfQuietHours(now, 'Asia/Ho_Chi_Minh', { start: '22:00', end: '22:00' })).toEqual(now);
  });
});
