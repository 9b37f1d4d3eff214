import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from '../notices/notice.model.js';
import { outboxFlagPlugin } from '../notices/outbox-flag.js';

/**
 * `pending` lives only between inserting the RSVP and taking a seat or a waitlist ticket;
 * `cancelled` is a withdrawn RSVP, kept so organisers still see who dropped out.
 */
export const RSVP_STATUSES = ['pending', 'going', 'waitlisted', 'cancelled'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** One person's answer to one event; withdrawing marks it cancelled, and RSVPing again revives it. */
export interface Rsvp {
  _id: Types.ObjectId;
  eventId: Types.ObjectId;
  userId: Types.ObjectId;
  status: RsvpStatus;
  /** Waitlist ticket: lower tickets are promoted first. */
  waitSeq?: number;
  promotedAt?: Date;
  /** Set by organisers after the event starts (attendance.service.ts); only `going` RSVPs carry it. */
  attended?: boolean;
  attendedAt?: Date;
  /** When the RSVP was last withdrawn (status `cancelled`). */
  cancelledAt?: Date;
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const rsvpSchema = new Schema<Rsvp>(
  {
    eventId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    status: { type: String, enum: RSVP_STATUSES, required: true },
    waitSeq: Number,
    promotedAt: Date,
    attended: Boolean,
    attendedAt: Date,
    cancelledAt: Date,
  },
  { timestamps: true, minimize: false },
);
rsvpSchema.plugin(outboxFlagPlugin);
rsvpSchema.index({ eventId: 1, userId: 1 }, { unique: true });
rsvpSchema.index({ eventId: 1, status: 1, waitSeq: 1 });
// The organisers' attendee list pages in RSVP order.
rsvpSchema.index({ eventId: 1, createdAt: 1, _id: 1 });

/** The RSVPs collection on this connection. */
export function rsvpModel(connection: Connection): Model<Rsvp> {
  return (connection.models.Rsvp as Model<Rsvp> | undefined) ?? connection.model<Rsvp>('Rsvp', rsvpSchema, 'rsvps');
}
