import type { Connection, Types } from 'mongoose';
import type { Actor } from '../auth/api-token.service.js';
import { MAX_PAGE_SIZE, paginate, type Page, type PageRequest } from '../shared/pagination.js';
import { userModel } from '../users/user.model.js';
import type { EventsService } from './events.service.js';
import { rsvpModel, type Rsvp } from './rsvp.model.js';

/** What an organiser reads off one RSVP: attendance once marked, else the RSVP's own status. */
export const ATTENDEE_STATUSES = ['pending', 'going', 'waitlisted', 'cancelled', 'attended', 'absent'] as const;
export type AttendeeStatus = (typeof ATTENDEE_STATUSES)[number];

/** One row of an event's attendee list. */
export interface Attendee {
  rsvpId: Types.ObjectId;
  userId: Types.ObjectId;
  displayName: string;
  status: AttendeeStatus;
  /** Place on the waitlist (1 = next to be promoted); null unless waitlisted. */
  position: number | null;
  rsvpAt: Date;
  attendedAt: Date | null;
  cancelledAt: Date | null;
}

/** Every RSVP the CSV export reads at most; beyond that organisers page through the JSON list. */
const EXPORT_LIMIT = 20_000;

function attendeeStatus(rsvp: Rsvp): AttendeeStatus {
  if (rsvp.status === 'going' && rsvp.attended === true) return 'attended';
  if (rsvp.status === 'going' && rsvp.attended === false) return 'absent';
  return rsvp.status;
}

/**
 * Who RSVPed to an event, for its organisers: going, waitlisted (with position), withdrawn
 * and, after the event, attended or absent. They need the user ids to mark attendance.
 */
export class AttendeesService {
  constructor(
    private readonly connection: Connection,
    private readonly events: EventsService,
  ) {}

  /** One page of the attendee list in RSVP order (organisers of the event and admins). */
  async list(actor: Actor, eventId: Types.ObjectId, page: PageRequest): Promise<Page<Attendee>> {
    await this.events.getForOrganiser(actor, eventId);
    return this.page(eventId, page);
  }

  /** The whole list in RSVP order, for the CSV export (organisers of the event and admins). */
  async all(actor: Actor, eventId: Types.ObjectId): Promise<Attendee[]> {
    await this.events.getForOrganiser(actor, eventId);
    // The waitlist is read once for the whole export, not once per page.
    const positions = await this.waitlistPositions(eventId);
    const rows: Attendee[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(eventId, { cursor, limit: MAX_PAGE_SIZE }, positions);
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < EXPORT_LIMIT);
    return rows;
  }

  /** One page; waitlist positions are read for it unless the caller already has them. */
  private async page(eventId: Types.ObjectId, page: PageRequest, known?: Map<string, number>): Promise<Page<Attendee>> {
    const rsvps = await paginate(rsvpModel(this.connection), { eventId }, { sortField: 'createdAt', direction: 1, ...page });
    const waiting = rsvps.items.some((r) => r.status === 'waitlisted');
    const positions = known ?? (waiting ? await this.waitlistPositions(eventId) : new Map<string, number>());
    return { items: await this.describe(rsvps.items, positions), nextCursor: rsvps.nextCursor };
  }

  private async describe(rsvps: Rsvp[], positions: Map<string, number>): Promise<Attendee[]> {
    const users = await userModel(this.connection)
      .find({ _id: { $in: rsvps.map((r) => r.userId) } }, { displayName: 1 })
      .lean();
    const names = new Map(users.map((u) => [String(u._id), u.displayName]));
    return rsvps.map((r) => ({
      rsvpId: r._id,
      userId: r.userId,
      displayName: names.get(String(r.userId)) ?? '',
      status: attendeeStatus(r),
      position: r.status === 'waitlisted' ? (positions.get(String(r._id)) ?? null) : null,
      rsvpAt: r.createdAt,
      attendedAt: r.attendedAt ?? null,
      cancelledAt: r.status === 'cancelled' ? (r.cancelledAt ?? null) : null,
    }));
  }

  /** Waitlist positions (1 = next to be promoted) by RSVP id. */
  private async waitlistPositions(eventId: Types.ObjectId): Promise<Map<string, number>> {
    const queue = await rsvpModel(this.connection).find({ eventId, status: 'waitlisted' }, { _id: 1 }).sort({ waitSeq: 1, _id: 1 }).lean();
    return new Map(queue.map((r, i) => [String(r._id), i + 1]));
  }
}
