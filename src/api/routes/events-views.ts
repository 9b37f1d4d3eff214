import type { Types } from 'mongoose';
import { z } from 'zod';
import type { CalendarFeed } from '../../domain/events/calendar-feed.model.js';
import type { Submission } from '../../domain/events/contest.model.js';
import { EVENT_KINDS, EVENT_STATUSES, type ProgrammeEvent } from '../../domain/events/event.model.js';
import { RSVP_STATUSES } from '../../domain/events/rsvp.model.js';
import { EXHIBITOR_STATUSES, type Exhibitor, type MeetingSlot } from '../../domain/events/fair.model.js';
import type { RsvpState } from '../../domain/events/rsvp.service.js';
import type { DomainServices } from '../../domain/domain-services.js';

const bilingual = z.object({ vi: z.string().optional(), en: z.string().optional() });

function texts(t: { vi?: string | undefined; en?: string | undefined } | undefined) {
  return { ...(t?.vi ? { vi: t.vi } : {}), ...(t?.en ? { en: t.en } : {}) };
}

export const eventView = z.object({
  id: z.string(),
  kind: z.enum(EVENT_KINDS),
  status: z.enum(EVENT_STATUSES),
  title: bilingual,
  body: bilingual,
  startsAt: z.string(),
  endsAt: z.string(),
  timezone: z.string(),
  place: z.object({ venue: z.string(), address: z.string().optional(), city: z.string() }).nullable(),
  onlineUrl: z.string().nullable(),
  capacity: z.number().nullable().meta({ description: 'null = unlimited' }),
  seats: z.object({ going: z.number(), waitlisted: z.number(), left: z.number().nullable() }),
  organisers: z.array(z.string()),
  seriesId: z.string().nullable(),
  editionYear: z.number().nullable(),
  contest: z.object({ opensAt: z.string(), closesAt: z.string(), resultsPublished: z.boolean() }).nullable(),
  sequence: z.number().meta({ description: 'ICS SEQUENCE: grows when the time changes or the event is cancelled' }),
  icsPath: z.string(),
  publishedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
});

/** Renders an event for the API. */
export function toEventView(e: ProgrammeEvent): z.infer<typeof eventView> {
  return {
    id: String(e._id),
    kind: e.kind,
    status: e.status,
    title: texts(e.title),
    body: texts(e.body),
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timezone: e.timezone,
    place: e.place ? { venue: e.place.venue, ...(e.place.address ? { address: e.place.address } : {}), city: e.place.city } : null,
    onlineUrl: e.onlineUrl ?? null,
    capacity: e.capacity ?? null,
    seats: {
      going: e.goingCount,
      waitlisted: e.waitingCount,
      left: e.capacity == null ? null : Math.max(0, e.capacity - e.goingCount),
    },
    organisers: e.organisers.map(String),
    seriesId: e.seriesId ? String(e.seriesId) : null,
    editionYear: e.editionYear ?? null,
    contest: e.contest
      ? { opensAt: e.contest.opensAt.toISOString(), closesAt: e.contest.closesAt.toISOString(), resultsPublished: Boolean(e.results) }
      : null,
    sequence: e.sequence,
    icsPath: `/api/v1/events/${String(e._id)}.ics`,
    publishedAt: e.publishedAt?.toISOString() ?? null,
    cancelledAt: e.cancelledAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}

export const rsvpView = z.object({
  eventId: z.string(),
  status: z.enum(RSVP_STATUSES),
  position: z.number().nullable().meta({ description: 'Place on the waitlist, 1 = next; null when going' }),
  createdAt: z.string(),
});

/** Renders the caller's RSVP. */
export function toRsvpView(state: RsvpState): z.infer<typeof rsvpView> {
  return {
    eventId: String(state.rsvp.eventId),
    status: state.rsvp.status,
    position: state.position,
    createdAt: state.rsvp.createdAt.toISOString(),
  };
}

/** Firm names by id, for views of exhibitors and slots. */
async function firmNames(services: DomainServices, firmIds: readonly Types.ObjectId[]): Promise<Map<string, string>> {
  const firms = await services.firms.namesOf([...new Map(firmIds.map((id) => [String(id), id])).values()]);
  return new Map([...firms].map(([id, f]) => [id, f.name]));
}

export const exhibitorView = z.object({
  id: z.string(),
  eventId: z.string(),
  firmId: z.string(),
  firmName: z.string(),
  status: z.enum(EXHIBITOR_STATUSES),
  createdAt: z.string(),
});

/** Renders exhibitors with their firms' names (one lookup for the whole list). */
export async function toExhibitorViews(services: DomainServices, xs: readonly Exhibitor[]): Promise<z.infer<typeof exhibitorView>[]> {
  const names = await firmNames(services, xs.map((x) => x.firmId));
  return xs.map((x) => ({
    id: String(x._id),
    eventId: String(x.eventId),
    firmId: String(x.firmId),
    firmName: names.get(String(x.firmId)) ?? '',
    status: x.status,
    createdAt: x.createdAt.toISOString(),
  }));
}

export const slotView = z.object({
  id: z.string(),
  eventId: z.string(),
  exhibitorId: z.string(),
  firmId: z.string(),
  firmName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  booked: z.boolean(),
  bookedByYou: z.boolean(),
});

/**
 * Renders slots with their exhibitors' names; who booked one stays private to that person
 * (the exhibitor sees its bookers through GET /exhibitors/{id}/slots).
 */
export async function toSlotViews(
  services: DomainServices,
  slots: readonly MeetingSlot[],
  viewerId: string | undefined,
): Promise<z.infer<typeof slotView>[]> {
  const names = await firmNames(services, slots.map((s) => s.firmId));
  return slots.map((s) => ({
    id: String(s._id),
    eventId: String(s.eventId),
    exhibitorId: String(s.exhibitorId),
    firmId: String(s.firmId),
    firmName: names.get(String(s.firmId)) ?? '',
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    booked: s.bookedBy !== null,
    bookedByYou: s.bookedBy !== null && String(s.bookedBy) === viewerId,
  }));
}

export const submissionView = z.object({
  id: z.string(),
  eventId: z.string(),
  userId: z.string(),
  displayName: z.string().meta({ description: 'The entrant’s display name' }),
  title: z.string(),
  link: z.string(),
  description: z.string().optional(),
  updatedAt: z.string(),
});

/** Renders contest submissions with their entrants' names (one lookup for the whole list). */
export async function toSubmissionViews(services: DomainServices, subs: readonly Submission[]): Promise<z.infer<typeof submissionView>[]> {
  const names = await services.users.displayNames(subs.map((s) => s.userId));
  return subs.map((s) => ({
    id: String(s._id),
    eventId: String(s.eventId),
    userId: String(s.userId),
    displayName: names.get(String(s.userId)) ?? '',
    title: s.title,
    link: s.link,
    ...(s.description ? { description: s.description } : {}),
    updatedAt: s.updatedAt.toISOString(),
  }));
}

export const calendarFeedView = z.object({
  path: z.string().meta({ description: 'Secret feed path under this host; anyone with it can read your RSVPs' }),
  updatedAt: z.string(),
});

/** Renders a calendar feed's secret URL path. */
export function toCalendarFeedView(feed: CalendarFeed): z.infer<typeof calendarFeedView> {
  return { path: `/api/v1/calendar/${feed.secret}.ics`, updatedAt: feed.updatedAt.toISOString() };
}
