import type { Connection, Types } from 'mongoose';
import { ConflictError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import type { EventsService } from './events.service.js';
import { rsvpModel } from './rsvp.model.js';

/** The outcome of one marking: who was changed, who had no seat, and the event's totals. */
export interface AttendanceResult {
  marked: number;
  notGoing: Types.ObjectId[];
  going: number;
  attended: number;
}

/**
 * Who actually came. Only the `attended` flag of `going` RSVPs changes here, never a status,
 * so the seat counters of rsvp.service.ts (goingCount, waitingCount) stay as they are.
 */
export class AttendanceService {
  constructor(
    private readonly connection: Connection,
    private readonly events: EventsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** An organiser marks people as having attended (or not), once the event has started. */
  async mark(actor: Actor, eventId: Types.ObjectId, userIds: readonly Types.ObjectId[], attended: boolean): Promise<AttendanceResult> {
    const event = await this.events.getForOrganiser(actor, eventId);
    if (event.status !== 'published') throw new ConflictError('event.not_published', 'This event is not published.');
    if (event.startsAt.getTime() > this.now().getTime()) {
      throw new ConflictError('attendance.too_early', 'Attendance can be marked once the event has started.');
    }
    const rsvps = rsvpModel(this.connection);
    const going = await rsvps.find({ eventId, userId: { $in: userIds }, status: 'going' }, { userId: 1 }).lean();
    const update = attended ? { $set: { attended: true, attendedAt: this.now() } } : { $set: { attended: false }, $unset: { attendedAt: 1 } };
    const done = await rsvps.updateMany({ eventId, userId: { $in: going.map((r) => r.userId) }, status: 'going' }, update);
    const seated = new Set(going.map((r) => String(r.userId)));
    const [goingCount, attendedCount] = await Promise.all([
      rsvps.countDocuments({ eventId, status: 'going' }),
      rsvps.countDocuments({ eventId, status: 'going', attended: true }),
    ]);
    return {
      marked: done.matchedCount,
      notGoing: userIds.filter((id) => !seated.has(String(id))),
      going: goingCount,
      attended: attendedCount,
    };
  }
}
