import { utcOffsetMinutes } from '../shared/timezone.js';

/** Wall-clock fields of an instant in a zone (month 1-12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a clock on the wall in `zone` shows at `at`. */
export function wallClock(zone: string, at: Date): WallClock {
  const shifted = new Date(at.getTime() + utcOffsetMinutes(zone, at) * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/**
 * The instant at which `zone` shows `clock`. The offset is looked up twice because the
 * first guess may fall on the other side of a DST change.
 */
export function zonedToUtc(zone: string, clock: WallClock): Date {
  const naive = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  const first = naive - utcOffsetMinutes(zone, new Date(naive)) * 60_000;
  return new Date(naive - utcOffsetMinutes(zone, new Date(first)) * 60_000);
}

/**
 * The same local date and time `years` later, e.g. a fair at 09:00 Berlin time on 10 July
 * stays at 09:00 on 10 July next year whatever DST does. 29 February becomes 28 February.
 */
export function addYearsInZone(at: Date, zone: string, years: number): Date {
  const clock = wallClock(zone, at);
  const year = clock.year + years;
  const lastDay = new Date(Date.UTC(year, clock.month, 0)).getUTCDate();
  return zonedToUtc(zone, { ...clock, year, day: Math.min(clock.day, lastDay) });
}
