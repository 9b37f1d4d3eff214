import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERT_HOURS, overlapHours } from '../../../src/domain/matching/working-hours-overlap.js';
import type { TimezoneWindow } from '../../../src/domain/requests/request.model.js';

const january = new Date('2026-01-15T00:00:00Z');
const july = new Date('2026-07-15T00:00:00Z');
const hcmcFirm = { timezone: 'Asia/Ho_Chi_Minh', startHour: 8, endHour: 17 }; // 01:00-10:00 UTC
const expertDay = (timezone: string): TimezoneWindow => ({ timezone, ...DEFAULT_EXPERT_HOURS });

describe('an expert’s default working day', () => {
  it('is 09:00-18:00 in their own zone', () => {
    expect(DEFAULT_EXPERT_HOURS).toEqual({ startHour: 9, endHour: 18 });
  });
});

describe('windows that cross midnight', () => {
  it('overlaps a night shift in Berlin with a night shift in Ho Chi Minh City, more in summer', () => {
    const berlinNight = { timezone: 'Europe/Berlin', startHour: 22, endHour: 6 }; // 21-05 UTC in Jan, 20-04 in Jul
    const hcmcNight = { timezone: 'Asia/Ho_Chi_Minh', startHour: 22, endHour: 6 }; // 15-23 UTC
    expect(overlapHours(berlinNight, hcmcNight, january)).toBe(2);
    expect(overlapHours(berlinNight, hcmcNight, july)).toBe(3);
  });

  it('lets a San Francisco night owl (17:00-02:00) cover the firm’s whole morning', () => {
    const nightOwl = { timezone: 'America/Los_Angeles', startHour: 17, endHour: 2 }; // 01-10 UTC in Jan, 00-09 in Jul
    expect(overlapHours(nightOwl, hcmcFirm, january)).toBe(9);
    expect(overlapHours(nightOwl, hcmcFirm, july)).toBe(8);
  });

  it('treats 0-24 as the whole day', () => {
    const allDay = { timezone: 'Pacific/Auckland', startHour: 0, endHour: 24 };
    expect(overlapHours(allDay, hcmcFirm, january)).toBe(9);
    expect(overlapHours(allDay, { ...allDay, timezone: 'America/Los_Angeles' }, july)).toBe(24);
  });
});

describe('rounding', () => {
  it('rounds a quarter-hour zone (Kathmandu, +05:45) to the nearest half hour', () => {
    expect(overlapHours(expertDay('Asia/Kathmandu'), hcmcFirm, january)).toBe(7); // 6.75 h
  });
});

describe('overlap as a quantity', () => {
  const zones = ['UTC', 'Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Sydney', 'Asia/Kathmandu'];
  const windowArb = fc
    .record({ timezone: fc.constantFrom(...zones), startHour: fc.integer({ min: 0, max: 24 }), endHour: fc.integer({ min: 0, max: 24 }) })
    .filter((w) => w.startHour !== w.endHour);
  const dateArb = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
  const length = (w: TimezoneWindow) => ((w.endHour - w.startHour + 24) % 24) || 24;

  it('is symmetric, in half hours, and never longer than the shorter window', () => {
    fc.assert(
      fc.property(windowArb, windowArb, dateArb, (a, b, at) => {
        const hours = overlapHours(a, b, at);
        expect(overlapHours(b, a, at)).toBe(hours);
        expect(Number.isInteger(hours * 2)).toBe(true);
        expect(hours).toBeGreaterThanOrEqual(0);
        expect(hours).toBeLessThanOrEqual(Math.min(length(a), length(b)));
      }),
    );
  });

  it('equals the window’s own length when compared with itself', () => {
    fc.assert(fc.property(windowArb, dateArb, (w, at) => overlapHours(w, w, at) === length(w)));
  });
});
