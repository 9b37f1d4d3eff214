import type { Connection, Types } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { assertFirmRole, type FirmsService } from '../firms/firms.service.js';
import { paginate, type Page, type PageRequest } from '../shared/pagination.js';
import { hasRole } from '../users/roles.js';
import { isEventOrganiser, type EventsService } from './events.service.js';
import { FAIR_KINDS, type ProgrammeEvent } from './event.model.js';
import type { SlotInput } from './event.schemas.js';
import { exhibitorModel, slotModel, type Exhibitor, type ExhibitorStatus, type MeetingSlot } from './fair.model.js';

/** Exhibitor firms at fairs and exhibitions, the meeting slots they offer, and experts' bookings. */
export class FairsService {
  constructor(
    private readonly connection: Connection,
    private readonly events: EventsService,
    private readonly firms: FirmsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get exhibitors() {
    return exhibitorModel(this.connection);
  }

  private get slots() {
    return slotModel(this.connection);
  }

  /** A member of the firm applies for a stand at a published fair; applying again returns the application. */
  async apply(actor: Actor, eventId: Types.ObjectId, firmId: Types.ObjectId): Promise<Exhibitor> {
    const event = await this.fair(actor, eventId);
    if (event.status !== 'published') throw new ConflictError('event.not_published', 'This event is not open.');
    assertFirmRole(await this.firms.get(firmId), actor);
    const upsert = () =>
      this.exhibitors
        .findOneAndUpdate({ eventId, firmId }, { $setOnInsert: { status: 'pending', appliedBy: actor.userId } }, { upsert: true, returnDocument: 'after' })
        .lean();
    // Two simultaneous upserts may both try to insert; the loser's retry finds the winner's row.
    const found = await upsert().catch((error: { code?: number }) => (error.code === 11000 ? upsert() : Promise.reject(error)));
    return found as Exhibitor;
  }

  /** Approved exhibitors for everyone, in order of application; organisers also see pending and rejected ones. */
  async list(actor: Actor | null, eventId: Types.ObjectId, page: PageRequest): Promise<Page<Exhibitor>> {
    const event = await this.fair(actor, eventId);
    const filter = isEventOrganiser(actor, event) ? { eventId } : { eventId, status: 'approved' as const };
    return paginate(this.exhibitors, filter, { sortField: 'createdAt', direction: 1, ...page });
  }

  /** An organiser approves or rejects an application (and may change their mind). */
  async decide(actor: Actor, exhibitorId: Types.ObjectId, status: Exclude<ExhibitorStatus, 'pending'>): Promise<Exhibitor> {
    const exhibitor = await this.exhibitor(exhibitorId);
    await this.events.getForOrganiser(actor, exhibitor.eventId);
    const updated = await this.exhibitors
      .findByIdAndUpdate(exhibitorId, { $set: { status, decidedBy: actor.userId, decidedAt: this.now() } }, { returnDocument: 'after' })
      .lean();
    return updated ?? exhibitor;
  }

  /** A member of an approved exhibitor offers a meeting slot inside the fair's hours. */
  async createSlot(actor: Actor, exhibitorId: Types.ObjectId, input: SlotInput): Promise<MeetingSlot> {
    const exhibitor = await this.exhibitor(exhibitorId);
    assertFirmRole(await this.firms.get(exhibitor.firmId), actor);
    if (exhibitor.status !== 'approved') {
      throw new ConflictError('exhibitor.not_approved', 'Only approved exhibitors can offer meeting slots.');
    }
    const event = await this.events.get(actor, exhibitor.eventId);
    if (input.startsAt < event.startsAt || input.endsAt > event.endsAt) {
      throw new ValidationError('slot.outside_event', 'A slot must lie within the fair.', {
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
      });
    }
    const slot = await this.slots.create({ ...input, eventId: event._id, exhibitorId, firmId: exhibitor.firmId });
    return slot.toObject();
  }

  /** The fair's meeting slots in time order; `free` keeps only those nobody booked yet. */
  async listSlots(actor: Actor | null, eventId: Types.ObjectId, page: PageRequest & { free?: boolean }): Promise<Page<MeetingSlot>> {
    await this.fair(actor, eventId);
    const filter = page.free ? { eventId, bookedBy: null } : { eventId };
    return paginate(this.slots, filter, { sortField: 'startsAt', direction: 1, cursor: page.cursor, limit: page.limit });
  }

  /**
   * An expert books a slot. One conditional update ({bookedBy: null} → me) lets exactly one
   * of many simultaneous bookers win. Overlap with the expert's other slots is checked after
   * the write: two racing bookings of overlapping slots may both be undone, never both kept.
   */
  async book(actor: Actor, slotId: Types.ObjectId): Promise<MeetingSlot> {
    if (!hasRole(actor.roles, 'expert')) throw new ForbiddenError('slot.experts_only', 'Only experts can book meeting slots.');
    const slot = await this.slot(slotId);
    const event = await this.events.get(actor, slot.eventId);
    if (event.status !== 'published') throw new ConflictError('event.not_published', 'This event is not open.');
    if (slot.bookedBy?.equals(actor.userId)) return slot;
    if (await this.overlapping(actor.userId, slot)) throw overlapError();
    const booked = await this.slots
      .findOneAndUpdate(
        { _id: slotId, bookedBy: null },
        { $set: { bookedBy: actor.userId, bookedAt: this.now() } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!booked) throw new ConflictError('slot.taken', 'Someone else booked this slot.');
    if (await this.overlapping(actor.userId, booked)) {
      await this.slots.updateOne({ _id: slotId, bookedBy: actor.userId }, { $set: { bookedBy: null }, $unset: { bookedAt: 1 } });
      throw overlapError();
    }
    return booked;
  }

  /** The expert who booked (or an organiser, or the exhibitor's members) frees the slot again. */
  async cancelBooking(actor: Actor, slotId: Types.ObjectId): Promise<MeetingSlot> {
    const slot = await this.slot(slotId);
    if (!slot.bookedBy) throw new NotFoundError('slot.not_booked', 'This slot is not booked.');
    if (!slot.bookedBy.equals(actor.userId)) {
      const event = await this.events.get(actor, slot.eventId);
      if (!isEventOrganiser(actor, event)) assertFirmRole(await this.firms.get(slot.firmId), actor);
    }
    const freed = await this.slots
      .findOneAndUpdate({ _id: slotId, bookedBy: slot.bookedBy }, { $set: { bookedBy: null }, $unset: { bookedAt: 1 } }, { returnDocument: 'after' })
      .lean();
    if (!freed) throw new ConflictError('slot.changed', 'The booking changed meanwhile; look again.');
    return freed;
  }

  private async overlapping(userId: Types.ObjectId, slot: MeetingSlot): Promise<boolean> {
    const clash = await this.slots.exists({
      _id: { $ne: slot._id },
      bookedBy: userId,
      startsAt: { $lt: slot.endsAt },
      endsAt: { $gt: slot.startsAt },
    });
    return clash !== null;
  }

  private async fair(actor: Actor | null, eventId: Types.ObjectId): Promise<ProgrammeEvent> {
    const event = await this.events.get(actor, eventId);
    if (!FAIR_KINDS.includes(event.kind)) {
      throw new ValidationError('event.not_fair', 'Only fairs and exhibitions have exhibitors.', { kind: event.kind });
    }
    return event;
  }

  private async exhibitor(id: Types.ObjectId): Promise<Exhibitor> {
    const exhibitor = await this.exhibitors.findById(id).lean();
    if (!exhibitor) throw new NotFoundError('exhibitor.not_found', 'No such exhibitor.', { id: String(id) });
    return exhibitor;
  }

  private async slot(id: Types.ObjectId): Promise<MeetingSlot> {
    const slot = await this.slots.findById(id).lean();
    if (!slot) throw new NotFoundError('slot.not_found', 'No such meeting slot.', { id: String(id) });
    return slot;
  }
}

function overlapError(): ConflictError {
  return new ConflictError('slot.overlap', 'You already hold a meeting slot at that time.');
}
