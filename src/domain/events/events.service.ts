import type { Connection, QueryFilter, Types } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import type { NoticeType } from '../notices/notice.model.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { foldForSearch } from '../shared/fold-text.js';
import { paginate, type Page } from '../shared/pagination.js';
import { hasRole } from '../users/roles.js';
import { userModel } from '../users/user.model.js';
import { editionYearOf, nextEditionOf } from './event-editions.js';
import { eventModel, FAIR_KINDS, type ProgrammeEvent } from './event.model.js';
import type { CreateEventInput, EventListQuery, UpdateEventInput } from './event.schemas.js';
import type { RsvpService } from './rsvp.service.js';

/** True when the actor may manage the event: an admin, or an organiser named on it. */
export function isEventOrganiser(actor: Actor | null, event: Pick<ProgrammeEvent, 'organisers'>): boolean {
  if (!actor) return false;
  if (hasRole(actor.roles, 'admin')) return true;
  return hasRole(actor.roles, 'organiser') && event.organisers.some((id) => id.equals(actor.userId));
}

function notFound(id: Types.ObjectId): NotFoundError {
  return new NotFoundError('event.not_found', 'No such event.', { id: String(id) });
}

/** Rules an event must keep after any change; zod checks them on create, this on edits. */
function assertCoherent(e: Pick<ProgrammeEvent, 'startsAt' | 'endsAt' | 'place' | 'onlineUrl' | 'kind' | 'contest'>): void {
  if (e.endsAt.getTime() <= e.startsAt.getTime()) {
    throw new ValidationError('event.ends_before_start', 'The event must end after it starts.');
  }
  if (!e.place && !e.onlineUrl) throw new ValidationError('event.needs_place', 'An event needs a place or an online link.');
  if (e.contest && e.contest.closesAt.getTime() <= e.contest.opensAt.getTime()) {
    throw new ValidationError('event.bad_window', 'The submission window must close after it opens.');
  }
}

/** The event as it would be after the change (null clears place or link). */
function applyChange(current: ProgrammeEvent, change: UpdateEventInput): ProgrammeEvent {
  const { organiserIds: _organisers, place, onlineUrl, ...rest } = change;
  return {
    ...current,
    ...rest,
    place: place === undefined ? current.place : (place ?? undefined),
    onlineUrl: onlineUrl === undefined ? current.onlineUrl : (onlineUrl ?? undefined),
  };
}

/** The $set and $unset of a change; the folded city follows the place. */
function changeSet(change: UpdateEventInput): { set: Record<string, unknown>; unset: Record<string, 1> } {
  const { organiserIds: _organisers, place, onlineUrl, ...rest } = change;
  const set: Record<string, unknown> = { ...rest };
  const unset: Record<string, 1> = {};
  if (place) Object.assign(set, { place, cityKey: foldForSearch(place.city) });
  if (place === null) Object.assign(unset, { place: 1, cityKey: 1 });
  if (onlineUrl) set.onlineUrl = onlineUrl;
  if (onlineUrl === null) unset.onlineUrl = 1;
  return { set, unset };
}

/** Seminars, conferences, meetups, fairs, exhibitions and contests: drafted, published, cancelled by organisers. */
export class EventsService {
  constructor(
    private readonly connection: Connection,
    private readonly outbox: Outbox,
    private readonly rsvps: RsvpService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get events() {
    return eventModel(this.connection);
  }

  /** Saves a new event as a draft; organisers and admins only. */
  async create(actor: Actor, input: CreateEventInput): Promise<ProgrammeEvent> {
    if (!hasRole(actor.roles, 'organiser')) throw new ForbiddenError('auth.forbidden', 'Only organisers create events.');
    const { organiserIds = [], place, ...rest } = input;
    const organisers = await this.knownUsers([actor.userId, ...organiserIds]);
    const doc = await this.events.create({
      ...rest,
      ...(place ? { place, cityKey: foldForSearch(place.city) } : {}),
      capacity: input.capacity ?? null,
      organisers,
      createdBy: actor.userId,
      status: 'draft',
    });
    return doc.toObject();
  }

  /** The event as the caller may see it: drafts only for their organisers. */
  async get(actor: Actor | null, id: Types.ObjectId): Promise<ProgrammeEvent> {
    const event = await this.events.findById(id).lean();
    if (!event || (event.status === 'draft' && !isEventOrganiser(actor, event))) throw notFound(id);
    return event;
  }

  /** The event, for one of its organisers; NotFound for drafts and Forbidden for public ones otherwise. */
  async getForOrganiser(actor: Actor, id: Types.ObjectId): Promise<ProgrammeEvent> {
    const event = await this.get(actor, id);
    if (!isEventOrganiser(actor, event)) {
      throw new ForbiddenError('event.not_organiser', 'Only the organisers of this event may do this.');
    }
    return event;
  }

  /** Upcoming published events, soonest first, with keyset paging on (startsAt, _id). */
  async listUpcoming(query: EventListQuery): Promise<Page<ProgrammeEvent>> {
    const filter: QueryFilter<ProgrammeEvent> = { status: 'published', endsAt: { $gt: this.now() } };
    if (query.kind) filter.kind = query.kind;
    if (query.city) filter.cityKey = foldForSearch(query.city);
    if (query.from || query.to) {
      filter.startsAt = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) };
    }
    return paginate(this.events, filter, { sortField: 'startsAt', direction: 1, cursor: query.cursor, limit: query.limit });
  }

  /**
   * Changes a draft or published event. A new time bumps the ICS sequence and, once
   * published, writes 'event.rescheduled' in the same update. Capacity cannot drop below
   * the seats already taken; raising it promotes from the waitlist.
   */
  async update(actor: Actor, id: Types.ObjectId, change: UpdateEventInput): Promise<ProgrammeEvent> {
    const current = await this.getForOrganiser(actor, id);
    if (current.status === 'cancelled') throw new ConflictError('event.not_editable', 'A cancelled event cannot be changed.');
    const next = applyChange(current, change);
    assertCoherent(next);
    const retimed = next.startsAt.getTime() !== current.startsAt.getTime() || next.endsAt.getTime() !== current.endsAt.getTime();
    const { set, unset } = changeSet(change);
    if (change.organiserIds) set.organisers = await this.knownUsers([actor.userId, ...change.organiserIds]);
    const notice = retimed && current.status === 'published' ? [this.notice('event.rescheduled', next, actor)] : [];
    const updated = await this.events
      .findOneAndUpdate(
        {
          _id: id,
          status: current.status,
          ...(typeof change.capacity === 'number' ? { goingCount: { $lte: change.capacity } } : {}),
        },
        {
          $set: set,
          ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
          $inc: { sequence: retimed ? 1 : 0 },
          $push: { outbox: { $each: notice } },
        },
        { returnDocument: 'after', runValidators: true },
      )
      .lean();
    if (!updated) {
      throw new ConflictError('event.changed', 'The event changed meanwhile, or more people are going than the new capacity.');
    }
    if (notice.length > 0) await this.outbox.drain('event', id);
    if (change.capacity === undefined || (await this.rsvps.promote(id)) === 0) return updated;
    return (await this.events.findById(id).lean()) ?? updated;
  }

  /** Publishes a draft that has not started yet, writing 'event.published' in the same update. */
  async publish(actor: Actor, id: Types.ObjectId): Promise<ProgrammeEvent> {
    const current = await this.getForOrganiser(actor, id);
    if (current.status === 'draft' && current.startsAt.getTime() <= this.now().getTime()) {
      throw new ValidationError('event.in_past', 'An event that already started cannot be published.');
    }
    const set = { status: 'published', publishedAt: this.now() };
    return this.move(actor, current, 'draft', set, 'event.published');
  }

  /** Cancels a draft or published event; attendees are told (and calendars mark it cancelled). */
  async cancel(actor: Actor, id: Types.ObjectId): Promise<ProgrammeEvent> {
    const current = await this.getForOrganiser(actor, id);
    const from = current.status === 'draft' ? 'draft' : 'published';
    const set = { status: 'cancelled', cancelledAt: this.now() };
    return this.move(actor, current, from, set, from === 'published' ? 'event.cancelled' : null, 1);
  }

  /**
   * Creates next year's edition of a yearly fair or exhibition as a draft in the same series.
   * Idempotent: the unique (seriesId, editionYear) index lets only one exist; later calls get it back.
   */
  async nextEdition(actor: Actor, id: Types.ObjectId): Promise<{ event: ProgrammeEvent; created: boolean }> {
    const previous = await this.getForOrganiser(actor, id);
    if (!FAIR_KINDS.includes(previous.kind)) {
      throw new ValidationError('event.not_recurring', 'Only fairs and exhibitions recur yearly.', { kind: previous.kind });
    }
    const seriesId = previous.seriesId ?? previous._id;
    if (!previous.seriesId) {
      await this.events.updateOne(
        { _id: id, seriesId: { $exists: false } },
        { $set: { seriesId, editionYear: editionYearOf(previous) } },
      );
    }
    const fields = nextEditionOf(previous, seriesId, actor.userId);
    const existing = await this.events.findOne({ seriesId, editionYear: fields.editionYear }).lean();
    if (existing) return { event: existing, created: false };
    try {
      return { event: (await this.events.create(fields)).toObject(), created: true };
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      const winner = await this.events.findOne({ seriesId, editionYear: fields.editionYear }).lean();
      if (!winner) throw error;
      return { event: winner, created: false };
    }
  }

  private async move(
    actor: Actor,
    current: ProgrammeEvent,
    from: 'draft' | 'published',
    set: Record<string, unknown>,
    type: NoticeType | null,
    sequenceBump = 0,
  ): Promise<ProgrammeEvent> {
    const notices = type ? [this.notice(type, current, actor)] : [];
    const updated = await this.events
      .findOneAndUpdate(
        { _id: current._id, status: from },
        { $set: set, $inc: { sequence: sequenceBump }, $push: { outbox: { $each: notices } } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!updated) {
      throw new ConflictError('event.illegal_transition', `A ${current.status} event cannot be ${String(set.status)}.`, {
        from: current.status,
        to: set.status,
      });
    }
    if (notices.length > 0) await this.outbox.drain('event', current._id);
    return updated;
  }

  private notice(type: NoticeType, event: Pick<ProgrammeEvent, 'kind' | 'startsAt'>, actor: Actor) {
    return outboxEntry(type, { kind: event.kind, startsAt: event.startsAt.toISOString(), by: String(actor.userId) }, this.now());
  }

  private async knownUsers(ids: Types.ObjectId[]): Promise<Types.ObjectId[]> {
    const unique = [...new Map(ids.map((id) => [String(id), id])).values()];
    const found = await userModel(this.connection).countDocuments({ _id: { $in: unique } });
    if (found !== unique.length) throw new ValidationError('event.organiser_unknown', 'Every organiser must be a user.');
    return unique;
  }
}
