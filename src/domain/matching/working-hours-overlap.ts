import type { TimezoneWindow } from '../requests/request.model.js';
import { utcOffsetMinutes } from '../shared/timezone.js';

const DAY = 24 * 60;

/** An expert's working day when their profile says nothing more: 09:00–18:00 local. */
export const DEFAULT_EXPERT_HOURS = { startHour: 9, endHour: 18 } as const;

/** The window as minute ranges of the UTC day, split where it wraps past midnight. */
function utcRanges(window: TimezoneWindow, at: Date): [number, number][] {
  const offset = utcOffsetMinutes(window.timezone, at);
  const length = ((window.endHour - window.startHour) * 60 + DAY) % DAY || DAY;
  const start = (((window.startHour * 60 - offset) % DAY) + DAY) % DAY;
  const end = start + length;
  return end <= DAY ? [[start, end]] : [[start, DAY], [0, end - DAY]];
}

/**
 * Hours per day two working windows share, each in its own time zone, on the date `at`
 * (offsets are taken at that date, so daylight saving time counts). Rounded to half hours.
 */
export function overlapHours(a: TimezoneWindow, b: TimezoneWindow, at: Date): number {
  let minutes = 0;
  for (const [aStart, aEnd] of utcRanges(a, at)) {
    for (const [bStart, bEnd] of utcRanges(b, at)) {
      minutes += Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
    }
  }
  return Math.round(minutes / 30) / 2;
}
