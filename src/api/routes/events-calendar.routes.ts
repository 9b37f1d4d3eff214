import { Router, type Response } from 'express';
import { Types } from 'mongoose';
import type { DomainServices } from '../../domain/domain-services.js';
import { NotFoundError } from '../../domain/app-error.js';
import { renderCalendar } from '../../domain/events/event-ics.js';
import { requestLocale } from '../error-response.js';
import { actorOf } from '../mount-routes.js';
import { answer, defineRoute } from '../route-spec.js';
import { calendarFeedView, toCalendarFeedView } from './events-views.js';
import type { PlainOperation } from '../openapi.js';

export const calendarFeedRoutes = [
  defineRoute({
    method: 'post',
    path: '/me/calendar-feed',
    operationId: 'rotateMyCalendarFeed',
    summary: 'Create your personal calendar feed URL, or replace it (the old URL stops working)',
    tag: 'Events',
    access: 'user',
    success: { status: 201, description: 'The secret feed path', schema: calendarFeedView },
    async handle({ actor, services }) {
      return answer(201, toCalendarFeedView(await services.calendar.rotate(actor)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/calendar-feed',
    operationId: 'getMyCalendarFeed',
    summary: 'Your personal calendar feed URL (every event you RSVPed to, going or waitlisted)',
    tag: 'Events',
    access: 'user',
    success: { status: 200, description: 'The secret feed path', schema: calendarFeedView },
    errors: [404],
    async handle({ actor, services }) {
      return toCalendarFeedView(await services.calendar.mine(actor));
    },
  }),
];

function sendIcs(res: Response, body: string, filename: string): void {
  res.set('content-type', 'text/calendar; charset=utf-8');
  res.set('content-disposition', `inline; filename="${filename}"`);
  // Feeds change when people RSVP or organisers reschedule; calendar apps poll anyway.
  res.set('cache-control', 'private, max-age=300');
  res.send(body);
}

/** The two ICS routes as the OpenAPI document describes them. */
export const CALENDAR_OPERATIONS: readonly PlainOperation[] = [
  {
    method: 'get', path: '/events/{id}.ics', operationId: 'getEventIcs', tag: 'Events',
    summary: 'One event as an iCalendar file, to add it to a calendar app',
    description: 'Public once published (cancelled ones too); drafts only for their organisers.',
    params: [{ name: 'id', description: 'The event id', pattern: '^[0-9a-f]{24}$' }],
    success: { status: 200, description: 'The event as text/calendar', contentType: 'text/calendar' },
    errors: [404, 429],
  },
  {
    method: 'get', path: '/calendar/{secret}.ics', operationId: 'getCalendarFeed', tag: 'Events',
    summary: 'Your personal calendar feed (events you RSVPed to), for calendar apps to subscribe to',
    description: 'Public behind its secret (from GET /me/calendar-feed); a replaced secret answers 404.',
    params: [{ name: 'secret', description: 'The feed secret' }],
    success: { status: 200, description: 'Your events as text/calendar', contentType: 'text/calendar' },
    errors: [404, 429],
  },
];

/**
 * ICS answers are not JSON, so they bypass the route specs: one event's file (public once
 * published) and a person's feed behind its secret. Mount inside /api/v1 before the JSON
 * routes, or "/events/{id}" would claim "/events/x.ics".
 */
export function calendarRoutes(services: DomainServices): Router {
  const router = Router();
  router.get('/events/:id.ics', async (req, res) => {
    const id = req.params.id;
    if (!/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError('event.not_found', 'No such event.', { id });
    const event = await services.calendar.eventForIcs(actorOf(res), new Types.ObjectId(id));
    const locale = requestLocale(req, res);
    const name = event.title[locale] ?? event.title.vi ?? event.title.en ?? 'event';
    sendIcs(res, renderCalendar([event], name, locale), `event-${id}.ics`);
  });
  router.get('/calendar/:secret.ics', async (req, res) => {
    const { locale, events } = await services.calendar.feedEvents(req.params.secret);
    sendIcs(res, renderCalendar(events, locale === 'vi' ? 'Sự kiện của tôi' : 'My events', locale), 'my-events.ics');
  });
  return router;
}
