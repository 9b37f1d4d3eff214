import type { Connection, Types } from 'mongoose';
import { NotFoundError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { expertModel } from '../experts/expert.model.js';
import { assertFirmRole, type FirmsService } from '../firms/firms.service.js';
import { paginate, type Page, type PageRequest } from '../shared/pagination.js';
import { presentContact, userModel, type Contact } from '../users/user.model.js';
import { isEventOrganiser, type EventsService } from './events.service.js';
import { exhibitorModel, slotModel, type MeetingSlot } from './fair.model.js';

/** The expert holding a slot, as the exhibitor sees them: enough to prepare and to get in touch. */
export interface SlotBooker {
  userId: Types.ObjectId;
  displayName: string;
  /** The expert profile's headline; null when the booker has no profile any more. */
  headline: string | null;
  contact: Contact;
  bookedAt: Date | null;
}

/** One of the exhibitor's slots, with its booker once someone booked it. */
export interface ExhibitorSlot {
  slot: MeetingSlot;
  booker: SlotBooker | null;
}

/**
 * An exhibitor's own view of its meeting slots: who booked each one. A booking is the
 * expert's consent to meet, so their contact details are shown to the firm from then on.
 */
export class ExhibitorSlotsService {
  constructor(
    private readonly connection: Connection,
    private readonly events: EventsService,
    private readonly firms: FirmsService,
  ) {}

  /** The exhibitor's slots in time order with their bookers (the firm's members, the event's organisers, admins). */
  async list(actor: Actor, exhibitorId: Types.ObjectId, page: PageRequest): Promise<Page<ExhibitorSlot>> {
    const exhibitor = await exhibitorModel(this.connection).findById(exhibitorId).lean();
    if (!exhibitor) throw new NotFoundError('exhibitor.not_found', 'No such exhibitor.', { id: String(exhibitorId) });
    const event = await this.events.get(actor, exhibitor.eventId);
    if (!isEventOrganiser(actor, event)) assertFirmRole(await this.firms.get(exhibitor.firmId), actor);
    const slots = await paginate(slotModel(this.connection), { exhibitorId }, { sortField: 'startsAt', direction: 1, ...page });
    const people = await this.people(slots.items);
    return {
      items: slots.items.map((slot) => {
        const person = slot.bookedBy ? people.get(String(slot.bookedBy)) : undefined;
        return { slot, booker: person ? { ...person, bookedAt: slot.bookedAt ?? null } : null };
      }),
      nextCursor: slots.nextCursor,
    };
  }

  /** The people who booked these slots, read in two queries whatever the page size. */
  private async people(slots: readonly MeetingSlot[]): Promise<Map<string, Omit<SlotBooker, 'bookedAt'>>> {
    const ids = [...new Set(slots.flatMap((s) => (s.bookedBy ? [String(s.bookedBy)] : [])))];
    if (ids.length === 0) return new Map();
    const [users, experts] = await Promise.all([
      userModel(this.connection).find({ _id: { $in: ids } }, { displayName: 1, contact: 1 }).lean(),
      expertModel(this.connection).find({ userId: { $in: ids } }, { userId: 1, headline: 1 }).lean(),
    ]);
    const headlines = new Map(experts.map((e) => [String(e.userId), e.headline]));
    return new Map(
      users.map((u) => [
        String(u._id),
        { userId: u._id, displayName: u.displayName, headline: headlines.get(String(u._id)) ?? null, contact: presentContact(u.contact) },
      ]),
    );
  }
}
