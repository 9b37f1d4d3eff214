import { z } from 'zod';
import { renderAttendeesCsv } from '../../domain/events/attendees-csv.js';
import { ATTENDEE_STATUSES, type Attendee } from '../../domain/events/attendees.service.js';
import { defineRoute, TextAnswer } from '../route-spec.js';
import { idParams, pageOf, pageQuery } from './shared-schemas.js';

const attendeeView = z.object({
  userId: z.string().meta({ description: 'The id to pass to POST /events/{id}/attendance' }),
  displayName: z.string(),
  status: z.enum(ATTENDEE_STATUSES).meta({ description: 'attended/absent once attendance was marked; cancelled = withdrawn RSVP' }),
  position: z.number().nullable().meta({ description: 'Place on the waitlist, 1 = next; null unless waitlisted' }),
  rsvpAt: z.string(),
  attendedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});

function toAttendeeView(a: Attendee): z.infer<typeof attendeeView> {
  return {
    userId: String(a.userId),
    displayName: a.displayName,
    status: a.status,
    position: a.position,
    rsvpAt: a.rsvpAt.toISOString(),
    attendedAt: a.attendedAt?.toISOString() ?? null,
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
  };
}

export const eventAttendeeRoutes = [
  defineRoute({
    method: 'get',
    path: '/events/{id}/attendees',
    operationId: 'listEventAttendees',
    summary: 'Everyone who RSVPed, in RSVP order: going, waitlisted (with position), withdrawn, attended (the event’s organisers)',
    tag: 'Events',
    access: 'user',
    params: idParams,
    query: pageQuery,
    success: { status: 200, description: 'A page of attendees', schema: pageOf(attendeeView) },
    errors: [404],
    async handle({ actor, params, query, services }) {
      const page = await services.attendees.list(actor, params.id, query);
      return { items: page.items.map(toAttendeeView), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}/attendees.csv',
    operationId: 'exportEventAttendeesCsv',
    summary: 'The same attendee list as a CSV file for Excel (UTF-8 with BOM), header in your language (the event’s organisers)',
    tag: 'Events',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The attendees as CSV', contentType: 'text/csv; charset=utf-8' },
    errors: [404],
    async handle({ actor, params, locale, services }) {
      const attendees = await services.attendees.all(actor, params.id);
      return new TextAnswer('text/csv; charset=utf-8', renderAttendeesCsv(attendees, locale), `attendees-${String(params.id)}.csv`);
    },
  }),
];
