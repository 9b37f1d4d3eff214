import type { Locale } from '../../i18n/messages.js';
import { utcOffsetMinutes } from '../shared/timezone.js';

/** "UTC+07:00", "UTC-03:30", "UTC+00:00". */
export function utcOffsetLabel(zone: string, at: Date): string {
  const offset = utcOffsetMinutes(zone, at);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A moment as the reader sees it in their own zone and language, with the UTC offset so
 * nobody has to guess: "Thứ Hai, 24/11/2026, 09:00 (UTC+07:00)" or "Mon, 24 Nov 2026, 09:00 (UTC+07:00)".
 */
export function formatLocalTime(at: Date, zone: string, locale: Locale): string {
  const formatted = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: zone,
    weekday: locale === 'vi' ? 'long' : 'short',
    day: '2-digit',
    month: locale === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${formatted} (${utcOffsetLabel(zone, at)})`;
}
