import { ValidationError } from '../app-error.js';
import { utcOffsetMinutes } from '../shared/timezone.js';

/** The city's time zone: a month of the programme is a month on Đà Nẵng's clocks, not UTC's. */
export const REPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A reporting period: [from, to) as instants, and how to name it ("2026-11" or "2026"). */
export interface ReportPeriod {
  year: number;
  month: number | null;
  label: string;
  timezone: string;
  from: Date;
  to: Date;
}

/**
 * The instant the given local calendar day starts in `zone`. Dates are stored in UTC, so
 * "November 2026" must become [2026-10-31T17:00Z, 2026-11-30T17:00Z) for UTC+7: an event at
 * 06:00 on 1 November in the city is 23:00 on 31 October in UTC and belongs to November.
 * Vietnam has kept UTC+7 without daylight saving since 1975; the offset is still looked up
 * (and re-checked once at the result) so another zone with DST would come out right too.
 */
export function zonedDayStart(zone: string, year: number, monthIndex: number, day = 1): Date {
  const wall = Date.UTC(year, monthIndex, day);
  let instant = wall - utcOffsetMinutes(zone, new Date(wall)) * 60_000;
  instant = wall - utcOffsetMinutes(zone, new Date(instant)) * 60_000;
  return new Date(instant);
}

/** The period of a whole year, or of one month (1-12) of it, in the city's time zone. */
export function reportPeriod(year: number, month?: number, zone = REPORT_TIME_ZONE): ReportPeriod {
  if (!Number.isInteger(year) || year < 2000 || year > 2100 || (month !== undefined && (!Number.isInteger(month) || month < 1 || month > 12))) {
    throw new ValidationError('report.bad_period', 'The period must be a year from 2000 to 2100 and an optional month 1-12.');
  }
  const startMonth = month === undefined ? 0 : month - 1;
  const endMonth = month === undefined ? 12 : month; // Date.UTC rolls month 12 into January of the next year
  return {
    year,
    month: month ?? null,
    label: month === undefined ? String(year) : `${year}-${String(month).padStart(2, '0')}`,
    timezone: zone,
    from: zonedDayStart(zone, year, startMonth),
    to: zonedDayStart(zone, year, endMonth),
  };
}
