import type { Connection } from 'mongoose';
import type { FirmsService } from '../firms/firms.service.js';
import type { Outbox } from '../notices/outbox.js';
import { AttendanceService } from './attendance.service.js';
import { AttendeesService } from './attendees.service.js';
import { CalendarService } from './calendar.service.js';
import { calendarFeedModel } from './calendar-feed.model.js';
import { submissionModel } from './contest.model.js';
import { ContestsService } from './contests.service.js';
import { eventModel } from './event.model.js';
import { ExhibitorSlotsService } from './exhibitor-slots.service.js';
import { EventsService } from './events.service.js';
import { exhibitorModel, slotModel } from './fair.model.js';
import { FairsService } from './fairs.service.js';
import { rsvpModel } from './rsvp.model.js';
import { RsvpService } from './rsvp.service.js';

/** The services of the events concept, as they appear on DomainServices. */
export interface EventServices {
  events: EventsService;
  rsvps: RsvpService;
  fairs: FairsService;
  contests: ContestsService;
  calendar: CalendarService;
  attendance: AttendanceService;
  attendees: AttendeesService;
  exhibitorSlots: ExhibitorSlotsService;
}

/** Registers the events models and their outbox sources, and builds the services. */
export function createEventServices(connection: Connection, firms: FirmsService, outbox: Outbox, now: () => Date): EventServices {
  for (const register of [eventModel, rsvpModel, exhibitorModel, slotModel, submissionModel, calendarFeedModel]) register(connection);
  outbox.addSource('event', eventModel(connection));
  outbox.addSource('rsvp', rsvpModel(connection));
  const rsvps = new RsvpService(connection, outbox, now);
  const events = new EventsService(connection, outbox, rsvps, now);
  return {
    events,
    rsvps,
    fairs: new FairsService(connection, events, firms, now),
    contests: new ContestsService(connection, events, now),
    calendar: new CalendarService(connection, rsvps),
    attendance: new AttendanceService(connection, events, now),
    attendees: new AttendeesService(connection, events),
    exhibitorSlots: new ExhibitorSlotsService(connection, events, firms),
  };
}
