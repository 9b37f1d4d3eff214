import { randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { NotFoundError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { userModel } from '../users/user.model.js';
import type { Locale } from '../../i18n/messages.js';
import { calendarFeedModel, type CalendarFeed } from './calendar-feed.model.js';
import { eventModel, type ProgrammeEvent } from './event.model.js';
import { isEventOrganiser } from './events.service.js';
import type { RsvpService } from './rsvp.service.js';

/** Secrets are 192 random bits: unguessable, and short enough for a calendar URL. */
const SECRET_BYTES = 24;

/** Events as calendars: one event's ICS, and each person's feed of the events they RSVPed to. */
export class CalendarService {
  constructor(
    private readonly connection: Connection,
    private readonly rsvps: RsvpService,
  ) {}

  private get feeds() {
    return calendarFeedModel(this.connection);
  }

  /** An event for its ICS file: published and cancelled ones are public, drafts only for organisers. */
  async eventForIcs(actor: Actor | null, id: Types.ObjectId): Promise<ProgrammeEvent> {
    const event = await eventModel(this.connection).findById(id).lean();
    if (!event || (event.status === 'draft' && !isEventOrganiser(actor, event))) {
      throw new NotFoundError('event.not_found', 'No such event.', { id: String(id) });
    }
    return event;
  }

  /** Creates the caller's feed secret, or rotates it: the old URL stops working at once. */
  async rotate(actor: Actor): Promise<CalendarFeed> {
    const secret = randomBytes(SECRET_BYTES).toString('base64url');
    const feed = await this.feeds
      .findOneAndUpdate({ userId: actor.userId }, { $set: { secret } }, { upsert: true, returnDocument: 'after' })
      .lean();
    return feed as CalendarFeed;
  }

  /** The caller's current feed, so the URL can be shown again. */
  async mine(actor: Actor): Promise<CalendarFeed> {
    const feed = await this.feeds.findOne({ userId: actor.userId }).lean();
    if (!feed) throw new NotFoundError('calendar.no_feed', 'You have no calendar feed yet; create one first.');
    return feed;
  }

  /** The events behind a feed secret (going or waitlisted, drafts excluded), soonest first. */
  async feedEvents(secret: string): Promise<{ locale: Locale; events: ProgrammeEvent[] }> {
    const feed = /^[A-Za-z0-9_-]{20,64}$/.test(secret) ? await this.feeds.findOne({ secret }).lean() : null;
    if (!feed) throw new NotFoundError('calendar.not_found', 'This calendar link is unknown or was replaced.');
    const ids = await this.rsvps.eventIdsOf(feed.userId);
    const events = await eventModel(this.connection)
      .find({ _id: { $in: ids }, status: { $ne: 'draft' } })
      .sort({ startsAt: 1 })
      .lean();
    const user = await userModel(this.connection).findById(feed.userId, { locale: 1 }).lean();
    return { locale: user?.locale ?? 'vi', events };
  }
}
