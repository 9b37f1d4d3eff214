import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Locale } from '../../i18n/messages.js';
import { wallClock, type WallClock } from './event-time.js';
import type { ProgrammeEvent } from './event.model.js';

/**
 * ical-generator prints a plain Date's *process-local* fields after TZID=…, which is
 * only right when the server runs in the event's zone. It asks a TZDate-like value
 * (a Date with `internal`, `withTimeZone`, `tzComponents`) for the zone's wall clock
 * instead, so we hand it one.
 */
class ZonedInstant extends Date {
  readonly internal: Date;
  private readonly clock: WallClock;

  constructor(
    at: Date,
    readonly zone: string,
  ) {
    super(at.getTime());
    this.internal = new Date(at.getTime());
    this.clock = wallClock(zone, at);
  }

  withTimeZone(zone?: string | null): ZonedInstant {
    return new ZonedInstant(this.internal, zone ?? this.zone);
  }

  tzComponents(): WallClock {
    return this.clock;
  }

  override getFullYear(): number {
    return this.clock.year;
  }

  override getMonth(): number {
    return this.clock.month - 1;
  }

  override getDate(): number {
    return this.clock.day;
  }

  override getHours(): number {
    return this.clock.hour;
  }

  override getMinutes(): number {
    return this.clock.minute;
  }

  override getSeconds(): number {
    return this.clock.second;
  }
}

/** Where calendars' UIDs come from: stable per event, so updates replace the same entry. */
export const ICS_UID_DOMAIN = 'events.vn-expert-bridge';

function location(event: ProgrammeEvent): string | null {
  const parts = event.place ? [event.place.venue, event.place.address, event.place.city] : [];
  if (event.onlineUrl) parts.push(event.onlineUrl);
  const text = parts.filter(Boolean).join(', ');
  return text || null;
}

/** Renders events as one RFC 5545 calendar, with a VTIMEZONE for every zone the events use. */
export function renderCalendar(events: readonly ProgrammeEvent[], name: string, locale: Locale): string {
  const calendar = ical({
    name,
    prodId: { company: 'VN Expert Bridge', product: 'events', language: locale.toUpperCase() },
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const event of events) {
    const other: Locale = locale === 'vi' ? 'en' : 'vi';
    calendar.createEvent({
      id: `${String(event._id)}@${ICS_UID_DOMAIN}`,
      sequence: event.sequence,
      start: new ZonedInstant(event.startsAt, event.timezone),
      end: new ZonedInstant(event.endsAt, event.timezone),
      timezone: event.timezone,
      summary: event.title[locale] ?? event.title[other] ?? '',
      description: event.body[locale] ?? event.body[other] ?? null,
      location: location(event),
      url: event.onlineUrl ?? null,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      lastModified: event.updatedAt,
    });
  }
  return calendar.toString();
}
