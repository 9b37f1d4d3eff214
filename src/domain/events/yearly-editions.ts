import type { Connection } from 'mongoose';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/api-token.service.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { eventModel, FAIR_KINDS } from './event.model.js';
import type { EventsService } from './events.service.js';

const YEAR_MS = 366 * 86_400_000;

/**
 * Yearly fairs and exhibitions carry on by themselves: once an edition is over, next year's
 * is drafted from it (same local date and time, the year in its texts moved on) and its
 * organisers are told to review and publish it. Safe to run daily: one draft per series and year.
 */
export class YearlyEditions {
  constructor(
    private readonly connection: Connection,
    private readonly events: EventsService,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Drafts the next edition of every fair or exhibition that ended within the last year; returns how many were new. */
  async draftDueEditions(actor: Actor): Promise<number> {
    // Scheduled work: the system actor (or an admin running it by hand).
    requireRole(actor, 'admin');
    const now = this.now();
    const ended = await eventModel(this.connection)
      .find({ kind: { $in: FAIR_KINDS }, status: 'published', endsAt: { $lte: now, $gte: new Date(now.getTime() - YEAR_MS) } })
      .lean();
    let drafted = 0;
    for (const edition of ended) {
      // The scheduler acts for the edition's creator, with an organiser's rights.
      const { event, created } = await this.events.nextEdition({ userId: edition.createdBy, roles: ['organiser'], locale: 'vi' }, edition._id);
      if (!created) continue;
      const notice = outboxEntry('event.edition_drafted', { previousId: String(edition._id), editionYear: event.editionYear }, now);
      await eventModel(this.connection).updateOne({ _id: event._id }, { $push: { outbox: notice } });
      await this.outbox.drain('event', event._id);
      drafted += 1;
    }
    return drafted;
  }
}
