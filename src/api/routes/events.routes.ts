import { createEventInput, eventListQuery, updateEventInput } from '../../domain/events/event.schemas.js';
import { answer, defineRoute } from '../route-spec.js';
import { eventAttendanceRoutes } from './events-attendance.routes.js';
import { eventAttendeeRoutes } from './events-attendees.routes.js';
import { calendarFeedRoutes } from './events-calendar.routes.js';
import { eventContestRoutes } from './events-contests.routes.js';
import { eventFairRoutes } from './events-fairs.routes.js';
import { eventRsvpRoutes } from './events-rsvp.routes.js';
import { eventView, toEventView } from './events-views.js';
import { idParams, pageOf } from './shared-schemas.js';

const transitionRoute = (action: 'publish' | 'cancel', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/events/{id}/${action}`,
    operationId: `${action}Event`,
    summary,
    tag: 'Events',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The event in its new status', schema: eventView },
    errors: [404, 409, 422],
    async handle({ actor, params, services }) {
      return toEventView(await services.events[action](actor, params.id));
    },
  });

export const eventRoutes = [
  defineRoute({
    method: 'post',
    path: '/events',
    operationId: 'createEvent',
    summary: 'Draft an event; you become one of its organisers (organisers and admins)',
    tag: 'Events',
    access: ['organiser'],
    body: createEventInput,
    example: { kind: 'seminar', title: { vi: 'Hội thảo', en: 'Seminar' }, body: { en: 'Talks' }, startsAt: '2030-03-10T02:00:00.000Z', endsAt: '2030-03-10T04:00:00.000Z', timezone: 'Europe/Berlin', place: { venue: 'Messe', city: 'Berlin' }, onlineUrl: 'https://meet.example.vn', capacity: 10 },
    success: { status: 201, description: 'The draft', schema: eventView },
    errors: [422],
    async handle({ actor, body, services }) {
      return answer(201, toEventView(await services.events.create(actor, body)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events',
    operationId: 'listEvents',
    summary: 'Upcoming published events, soonest first, by kind, city (accents optional) and start window',
    tag: 'Events',
    access: 'public',
    query: eventListQuery,
    success: { status: 200, description: 'A page of events', schema: pageOf(eventView) },
    async handle({ query, services }) {
      const page = await services.events.listUpcoming(query);
      return { items: page.items.map(toEventView), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events/{id}',
    operationId: 'getEvent',
    summary: 'One event; drafts only for their organisers',
    tag: 'Events',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'The event', schema: eventView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toEventView(await services.events.get(actor, params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/events/{id}',
    operationId: 'updateEvent',
    summary: 'Change a draft or published event (its organisers); a new time notifies attendees',
    tag: 'Events',
    access: 'user',
    params: idParams,
    body: updateEventInput,
    example: { capacity: 20, place: null, onlineUrl: 'https://meet.example.vn', title: { vi: 'Hội thảo' } },
    success: { status: 200, description: 'The event', schema: eventView },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      return toEventView(await services.events.update(actor, params.id, body));
    },
  }),
  transitionRoute('publish', 'Publish a draft (its organisers): it is announced'),
  transitionRoute('cancel', 'Cancel an event (its organisers): attendees are told, calendars mark it cancelled'),
  defineRoute({
    method: 'post',
    path: '/events/{id}/next-edition',
    operationId: 'createNextEdition',
    summary: 'Next year’s edition of a fair or exhibition, as a draft in the same series; repeats return it (200)',
    tag: 'Events',
    access: 'user',
    params: idParams,
    success: { status: 201, description: 'The new edition (201), or the existing one (200)', schema: eventView },
    errors: [404, 422],
    async handle({ actor, params, services }) {
      const { event, created } = await services.events.nextEdition(actor, params.id);
      return answer(created ? 201 : 200, toEventView(event));
    },
  }),
];

/** Every JSON route of the events concept, in OpenAPI order. */
export const allEventRoutes = [...eventRoutes, ...eventRsvpRoutes, ...eventAttendanceRoutes, ...eventAttendeeRoutes, ...eventFairRoutes, ...eventContestRoutes, ...calendarFeedRoutes];
