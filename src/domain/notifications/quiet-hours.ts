import { utcOffsetMinutes } from '../shared/timezone.js';

/** "22:00" → minutes after midnight. */
function minutesOf(clock: string): number {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/** Minutes after local midnight of `at` in `zone`. */
function localMinutes(at: Date, zone: string): number {
  const local = new Date(at.getTime() + utcOffsetMinutes(zone, at) * 60_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/**
 * When a non-urgent notice may be sent to someone with these quiet hours: `now` when
 * outside them, else the moment they end (local time, DST-aware). Windows may cross midnight
 * (22:00–07:00); equal start and end mean no quiet hours.
 */
export function endOfQuietHours(
  now: Date,
  zone: string,
  quiet: { start: string; end: string } | null | undefined,
): Date {
  if (!quiet) return now;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return now;
  const current = localMinutes(now, zone);
  const inside = start < end ? current >= start && current < end : current >= start || current < end;
  if (!inside) return now;
  const wait = (end - current + 24 * 60) % (24 * 60);
  const candidate = new Date(now.getTime() + wait * 60_000);
  // Across a DST change the wall clock moves by the offset difference; correct once.
  const drift = utcOffsetMinutes(zone, candidate) - utcOffsetMinutes(zone, now);
  const corrected = new Date(candidate.getTime() - drift * 60_000);
  return new Date(Math.floor(corrected.getTime() / 60_000) * 60_000);
}
