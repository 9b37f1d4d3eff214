import type { Connection, Types } from 'mongoose';
import { eventModel } from '../events/event.model.js';
import { noticeModel } from '../notices/notice.model.js';

/** Reminders go out a day and an hour before an event starts. */
export const REMINDER_OFFSETS_MS = [24 * 3_600_000, 3_600_000] as const;

/** One reminder to schedule: fire at `at`, valid only while the event still starts at `startsAt`. */
export interface PlannedReminder {
  eventId: string;
  offsetMs: number;
  startsAt: number;
  at: Date;
}

/**
 * Event reminders as delayed work that checks itself when it fires: a reminder carries the
 * start time it was planned for, so one planned before the event moved or was cancelled
 * does nothing, and the reschedule plans new ones. The notice id is derived from the event,
 * offset and start time, so firing twice writes one notice.
 */
export class EventReminders {
  constructor(
    private readonly connection: Connection,
    private readonly offsetsMs: readonly number[] = REMINDER_OFFSETS_MS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The reminders still ahead for a published event (none for drafts and cancelled events). */
  async plan(eventId: Types.ObjectId): Promise<PlannedReminder[]> {
    const event = await eventModel(this.connection).findById(eventId, { status: 1, startsAt: 1 }).lean();
    if (!event || event.status !== 'published') return [];
    const startsAt = event.startsAt.getTime();
    return this.offsetsMs
      .map((offsetMs) => ({ eventId: String(eventId), offsetMs, startsAt, at: new Date(startsAt - offsetMs) }))
      .filter((r) => r.at.getTime() > this.now().getTime());
  }

  /** Writes the reminder notice if the event is still published and still starts when planned. */
  async fire(reminder: Omit<PlannedReminder, 'at'>): Promise<boolean> {
    const event = await eventModel(this.connection).findById(reminder.eventId, { status: 1, startsAt: 1 }).lean();
    if (!event || event.status !== 'published' || event.startsAt.getTime() !== reminder.startsAt) return false;
    // BullMQ job ids (the relay uses notice ids) may not contain ":".
    const id = `event.reminder-${reminder.eventId}-${reminder.offsetMs}-${reminder.startsAt}`;
    await noticeModel(this.connection).updateOne(
      { _id: id },
      {
        $setOnInsert: {
          type: 'event.reminder',
          subject: { kind: 'event', id: event._id },
          data: { offsetMs: reminder.offsetMs, startsAt: new Date(reminder.startsAt).toISOString() },
          status: 'pending',
          createdAt: this.now(),
        },
      },
      { upsert: true },
    );
    return true;
  }
}
