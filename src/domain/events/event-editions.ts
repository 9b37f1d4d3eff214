import type { Types } from 'mongoose';
import { addYearsInZone, wallClock } from './event-time.js';
import type { ProgrammeEvent } from './event.model.js';

/** The year of an event in its own time zone (a fair on 1 January 00:30 Hanoi time belongs to that year). */
export function editionYearOf(event: Pick<ProgrammeEvent, 'startsAt' | 'timezone'>): number {
  return wallClock(event.timezone, event.startsAt).year;
}

function bumpYear(text: string | undefined, year: number): string | undefined {
  // Only the edition's own year changes: "2025" in "since 2010, edition 2025" touches one number.
  return text?.replace(new RegExp(`(?<!\\d)${year}(?!\\d)`, 'g'), String(year + 1));
}

/** The fields of the next yearly edition: same local date and time a year later, a fresh draft. */
export function nextEditionOf(
  previous: ProgrammeEvent,
  seriesId: Types.ObjectId,
  createdBy: Types.ObjectId,
): Omit<ProgrammeEvent, '_id' | 'createdAt' | 'updatedAt'> {
  const year = editionYearOf(previous);
  const later = (at: Date) => addYearsInZone(at, previous.timezone, 1);
  return {
    kind: previous.kind,
    title: { vi: bumpYear(previous.title.vi, year), en: bumpYear(previous.title.en, year) },
    body: { vi: bumpYear(previous.body.vi, year), en: bumpYear(previous.body.en, year) },
    startsAt: later(previous.startsAt),
    endsAt: later(previous.endsAt),
    timezone: previous.timezone,
    ...(previous.place ? { place: previous.place, cityKey: previous.cityKey } : {}),
    ...(previous.onlineUrl ? { onlineUrl: previous.onlineUrl } : {}),
    capacity: previous.capacity,
    organisers: previous.organisers,
    createdBy,
    status: 'draft',
    goingCount: 0,
    waitingCount: 0,
    waitlistSeq: 0,
    sequence: 0,
    seriesId,
    editionYear: year + 1,
    outbox: [],
  };
}
