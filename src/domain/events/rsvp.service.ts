import type { Connection, QueryFilter, Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { eventModel, type ProgrammeEvent } from './event.model.js';
import { rsvpModel, type Rsvp } from './rsvp.model.js';

/** An RSVP with its place in the queue (1 = next to be promoted; null when going). */
export interface RsvpState {
  rsvp: Rsvp;
  position: number | null;
}

/*
 * Seats without transactions. The invariant, at rest:
 *   event.goingCount   = number of `going` RSVPs  ≤ event.capacity
 *   event.waitingCount = number of `waitlisted` RSVPs
 * Every change of goingCount is ONE conditional update of the event document
 * ({goingCount: {$lt: capacity}} → $inc), so concurrent requests serialise on that
 * document and no one can take the 11th of 10 seats. A seat is reserved on the event
 * BEFORE an RSVP is marked going (and released after it stops being going), so while a
 * request is half-way goingCount may exceed the going RSVPs by the seats in flight —
 * never the other way round, so capacity is never overshot.
 * Newcomers take a seat only while nobody waits (waitingCount: 0), so a freed seat goes
 * to the head of the waitlist, not to whoever asks first. Anyone who joins the waitlist
 * then runs promote(), which closes the gap where a seat freed between their failed seat
 * attempt and their joining the queue.
 * A crash between steps can leave a `pending` RSVP or a counter off by one; the person
 * sees 409 rsvp.busy and an operator repairs the counts from the RSVPs.
 */

/** RSVPs with capacity and an ordered waitlist, promoted automatically when seats free up. */
export class RsvpService {
  constructor(
    private readonly connection: Connection,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get events() {
    return eventModel(this.connection);
  }

  private get rsvps() {
    return rsvpModel(this.connection);
  }

  /** Says "I'm going": a seat if one is free and nobody waits, else a place on the waitlist. Idempotent. */
  async rsvp(actor: Actor, eventId: Types.ObjectId): Promise<{ state: RsvpState; created: boolean }> {
    const event = await this.openEvent(eventId);
    const rsvp = await this.startRsvp(actor.userId, eventId);
    if (!rsvp) return { state: await this.mine(actor, eventId), created: false };
    const seated = await this.events.updateOne(seatFilter(event, 'newcomer'), { $inc: { goingCount: 1 } });
    if (seated.modifiedCount === 1) {
      await this.rsvps.updateOne({ _id: rsvp._id }, { $set: { status: 'going' } });
    } else {
      const ticket = await this.events
        .findOneAndUpdate({ _id: eventId }, { $inc: { waitlistSeq: 1, waitingCount: 1 } }, { returnDocument: 'after' })
        .lean();
      await this.rsvps.updateOne({ _id: rsvp._id }, { $set: { status: 'waitlisted', waitSeq: ticket?.waitlistSeq ?? 0 } });
      await this.promote(eventId);
    }
    return { state: await this.mine(actor, eventId), created: true };
  }

  /**
   * Withdraws the caller's RSVP (it stays, marked cancelled); a freed seat goes to the first
   * person on the waitlist. Refused once the event has started, so attendance organisers
   * record from then on is never undone by a late withdrawal.
   */
  async cancel(actor: Actor, eventId: Types.ObjectId): Promise<void> {
    const event = await this.events.findById(eventId, { status: 1, startsAt: 1 }).lean();
    if (event && hasStarted(event, this.now())) throw startedError();
    const removed = await this.rsvps
      .findOneAndUpdate(
        { eventId, userId: actor.userId, status: { $in: ['going', 'waitlisted'] }, attended: { $exists: false } },
        { $set: { status: 'cancelled', cancelledAt: this.now() }, $unset: { waitSeq: 1 } },
        { returnDocument: 'before' },
      )
      .lean();
    if (!removed) {
      const current = await this.rsvps.findOne({ eventId, userId: actor.userId }, { status: 1, attended: 1 }).lean();
      if (current?.status === 'pending') throw new ConflictError('rsvp.busy', 'Your RSVP is still being processed; try again.');
      if (current && current.status !== 'cancelled') throw startedError();
      throw new NotFoundError('rsvp.not_found', 'You have not RSVPed to this event.');
    }
    if (removed.status === 'waitlisted') {
      await this.events.updateOne({ _id: eventId }, { $inc: { waitingCount: -1 } });
      return;
    }
    await this.events.updateOne({ _id: eventId }, { $inc: { goingCount: -1 } });
    await this.promote(eventId);
  }

  /** The caller's RSVP with its waitlist position; a withdrawn one counts as none. */
  async mine(actor: Actor, eventId: Types.ObjectId): Promise<RsvpState> {
    const rsvp = await this.rsvps.findOne({ eventId, userId: actor.userId }).lean();
    if (!rsvp || rsvp.status === 'cancelled') throw new NotFoundError('rsvp.not_found', 'You have not RSVPed to this event.');
    if (rsvp.status !== 'waitlisted') return { rsvp, position: null };
    const ahead = await this.rsvps.countDocuments({ eventId, status: 'waitlisted', waitSeq: { $lt: rsvp.waitSeq ?? 0 } });
    return { rsvp, position: ahead + 1 };
  }

  /**
   * Fills free seats from the head of the waitlist, one conditional seat reservation at a
   * time. Safe to call any time, from any number of processes. Returns how many moved up.
   */
  async promote(eventId: Types.ObjectId): Promise<number> {
    let promoted = 0;
    for (;;) {
      const event = await this.events.findById(eventId).lean();
      if (!event || event.status !== 'published') return promoted;
      const reserved = await this.events.updateOne(seatFilter(event, 'waitlist'), { $inc: { goingCount: 1 } });
      if (reserved.modifiedCount === 0) return promoted;
      const moved = await this.rsvps
        .findOneAndUpdate(
          { eventId, status: 'waitlisted' },
          {
            $set: { status: 'going', promotedAt: this.now() },
            $unset: { waitSeq: 1 },
            $push: { outbox: outboxEntry('event.rsvp_promoted', { eventId: String(eventId) }, this.now()) },
          },
          { sort: { waitSeq: 1 }, returnDocument: 'after' },
        )
        .lean();
      if (!moved) {
        // The waiter we counted has not finished joining (or just left): give the seat back.
        await this.events.updateOne({ _id: eventId }, { $inc: { goingCount: -1 } });
        return promoted;
      }
      await this.events.updateOne({ _id: eventId }, { $inc: { waitingCount: -1 } });
      await this.outbox.drain('rsvp', moved._id);
      promoted += 1;
    }
  }

  /**
   * Account merge: the old account's RSVPs become the survivor's. Where both answered the
   * same event the better one stays (going beats waitlisted, an earlier ticket beats a later
   * one) and the other is withdrawn like a cancel, so its seat or waitlist place is freed.
   * Idempotent: a rerun finds only what is still under the old account.
   */
  async mergeUsers(from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
    for (const theirs of await this.rsvps.find({ userId: from }).lean()) {
      const ours = await this.rsvps.findOne({ eventId: theirs.eventId, userId: into }).lean();
      if (ours) {
        const loser = rsvpRank(theirs) > rsvpRank(ours) ? ours : theirs;
        await this.withdraw(loser);
        if (loser === theirs) continue;
      }
      await this.rsvps.updateOne({ _id: theirs._id, userId: from }, { $set: { userId: into } });
    }
  }

  /** Deletes one RSVP and gives back what it held: a seat (to the waitlist's head) or a place in the queue. */
  private async withdraw(rsvp: Rsvp): Promise<void> {
    const removed = await this.rsvps.findOneAndDelete({ _id: rsvp._id }).lean();
    if (!removed) return;
    if (removed.status === 'waitlisted') {
      await this.events.updateOne({ _id: removed.eventId }, { $inc: { waitingCount: -1 } });
    } else if (removed.status === 'going') {
      await this.events.updateOne({ _id: removed.eventId }, { $inc: { goingCount: -1 } });
      await this.promote(removed.eventId);
    }
  }

  /** Events the user RSVPed to (going or waitlisted), for their calendar feed. */
  async eventIdsOf(userId: Types.ObjectId): Promise<Types.ObjectId[]> {
    const rows = await this.rsvps.find({ userId, status: { $in: ['going', 'waitlisted'] } }, { eventId: 1 }).limit(1000).lean();
    return rows.map((r) => r.eventId);
  }

  /**
   * A `pending` RSVP to place: a new one, or the person's withdrawn one revived (of two racing
   * re-RSVPs only one matches `cancelled`). Null when they already hold a live RSVP.
   */
  private async startRsvp(userId: Types.ObjectId, eventId: Types.ObjectId): Promise<Rsvp | null> {
    try {
      return (await this.rsvps.create({ eventId, userId, status: 'pending' })).toObject();
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    return this.rsvps
      .findOneAndUpdate(
        { eventId, userId, status: 'cancelled' },
        { $set: { status: 'pending' }, $unset: { cancelledAt: 1 } },
        { returnDocument: 'after' },
      )
      .lean();
  }

  private async openEvent(eventId: Types.ObjectId): Promise<ProgrammeEvent> {
    const event = await this.events.findById(eventId).lean();
    if (!event || event.status === 'draft') {
      throw new NotFoundError('event.not_found', 'No such event.', { id: String(eventId) });
    }
    if (event.status !== 'published') throw new ConflictError('event.not_published', 'This event is cancelled.');
    if (event.endsAt.getTime() <= this.now().getTime()) throw new ConflictError('event.over', 'This event is over.');
    return event;
  }
}

/** A published event whose start has passed: its RSVPs are the record of who came. */
function hasStarted(event: Pick<ProgrammeEvent, 'status' | 'startsAt'>, now: Date): boolean {
  return event.status === 'published' && event.startsAt.getTime() <= now.getTime();
}

function startedError(): ConflictError {
  return new ConflictError('rsvp.event_started', 'The event has started; RSVPs can no longer be withdrawn.');
}

/**
 * The condition under which one more seat may be taken: room under the capacity read
 * (which must still be the capacity, or an edit raced us) and, for newcomers, an empty
 * waitlist; for promotions, someone waiting.
 */
function seatFilter(event: ProgrammeEvent, who: 'newcomer' | 'waitlist'): QueryFilter<ProgrammeEvent> {
  const room = event.capacity === null ? { capacity: null } : { capacity: event.capacity, goingCount: { $lt: event.capacity } };
  const queue = who === 'newcomer' ? { waitingCount: 0 } : { waitingCount: { $gt: 0 } };
  return { _id: event._id, status: 'published', ...room, ...queue };
}

/** How much an RSVP is worth keeping when one person has two for an event: attended/going, then the earlier ticket. */
function rsvpRank(rsvp: Rsvp): number {
  if (rsvp.status === 'going') return rsvp.attended ? 3 : 2;
  if (rsvp.status === 'waitlisted') return 1 - (rsvp.waitSeq ?? 0) / Number.MAX_SAFE_INTEGER;
  return 0;
}
