import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from '../notices/notice.model.js';
import { outboxFlagPlugin } from '../notices/outbox-flag.js';

export const EVENT_KINDS = ['seminar', 'conference', 'meetup', 'fair', 'exhibition', 'contest'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
/** Kinds that take exhibitor firms with meeting slots, and recur yearly. */
export const FAIR_KINDS: readonly EventKind[] = ['fair', 'exhibition'];

export interface Place {
  venue: string;
  address?: string;
  city: string;
}

/** A contest's results: submissions in rank order, with the prize text organisers wrote. */
export interface ContestResults {
  ranking: { submissionId: Types.ObjectId; prize?: string }[];
  publishedAt: Date;
}

/** A seminar, conference, meetup, fair, exhibition or contest of the city's IT programme. */
export interface ProgrammeEvent {
  _id: Types.ObjectId;
  kind: EventKind;
  title: { vi?: string; en?: string };
  body: { vi?: string; en?: string };
  /** Instants in UTC; `timezone` (IANA) says how to show them and how ICS describes them. */
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  place?: Place;
  /** Folded city, so "ha noi" finds "Hà Nội". */
  cityKey?: string;
  onlineUrl?: string;
  /** null = unlimited. */
  capacity: number | null;
  organisers: Types.ObjectId[];
  createdBy: Types.ObjectId;
  status: EventStatus;
  /** RSVPs holding a seat (see rsvp.service.ts for the invariant). */
  goingCount: number;
  /** RSVPs on the waitlist. */
  waitingCount: number;
  /** Last waitlist ticket handed out; tickets order the waitlist. */
  waitlistSeq: number;
  /** ICS SEQUENCE: bumped whenever calendars must replace their copy (time change, cancel). */
  sequence: number;
  /** Editions of a yearly fair share a seriesId (the first edition's id). */
  seriesId?: Types.ObjectId;
  /** The year of the edition in the event's time zone, unique within a series. */
  editionYear?: number;
  contest?: { opensAt: Date; closesAt: Date };
  results?: ContestResults;
  publishedAt?: Date;
  cancelledAt?: Date;
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const localisedText = (max: number) => ({ vi: { type: String, maxlength: max }, en: { type: String, maxlength: max } });

const eventSchema = new Schema<ProgrammeEvent>(
  {
    kind: { type: String, enum: EVENT_KINDS, required: true },
    title: localisedText(200),
    body: localisedText(8000),
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    timezone: { type: String, required: true },
    place: { type: { venue: String, address: String, city: String }, _id: false, default: undefined },
    cityKey: String,
    onlineUrl: String,
    capacity: { type: Number, default: null, min: 1 },
    organisers: { type: [Schema.Types.ObjectId], index: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: EVENT_STATUSES, default: 'draft' },
    goingCount: { type: Number, default: 0 },
    waitingCount: { type: Number, default: 0 },
    waitlistSeq: { type: Number, default: 0 },
    sequence: { type: Number, default: 0 },
    seriesId: Schema.Types.ObjectId,
    editionYear: Number,
    contest: { type: { opensAt: Date, closesAt: Date }, _id: false, default: undefined },
    results: {
      type: { ranking: [{ submissionId: Schema.Types.ObjectId, prize: String, _id: false }], publishedAt: Date },
      _id: false,
      default: undefined,
    },
    publishedAt: Date,
    cancelledAt: Date,
  },
  { timestamps: true, minimize: false },
);
eventSchema.plugin(outboxFlagPlugin);
eventSchema.index({ status: 1, startsAt: 1, _id: 1 });
// Makes next-edition idempotent under concurrency: a second insert of the same year fails.
eventSchema.index(
  { seriesId: 1, editionYear: 1 },
  { unique: true, partialFilterExpression: { seriesId: { $exists: true } }, name: 'series_edition' },
);

/** The events collection on this connection. */
export function eventModel(connection: Connection): Model<ProgrammeEvent> {
  return (
    (connection.models.ProgrammeEvent as Model<ProgrammeEvent> | undefined) ??
    connection.model<ProgrammeEvent>('ProgrammeEvent', eventSchema, 'events')
  );
}
