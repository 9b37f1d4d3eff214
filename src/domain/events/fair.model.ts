import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const EXHIBITOR_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ExhibitorStatus = (typeof EXHIBITOR_STATUSES)[number];

/** A firm's stand at a fair or exhibition: applied for by a member, decided by an organiser. */
export interface Exhibitor {
  _id: Types.ObjectId;
  eventId: Types.ObjectId;
  firmId: Types.ObjectId;
  status: ExhibitorStatus;
  appliedBy: Types.ObjectId;
  decidedBy?: Types.ObjectId;
  decidedAt?: Date;
  createdAt: Date;
}

/** A meeting slot an approved exhibitor offers; `bookedBy` is the one expert holding it. */
export interface MeetingSlot {
  _id: Types.ObjectId;
  eventId: Types.ObjectId;
  exhibitorId: Types.ObjectId;
  firmId: Types.ObjectId;
  startsAt: Date;
  endsAt: Date;
  bookedBy: Types.ObjectId | null;
  bookedAt?: Date;
  createdAt: Date;
}

const exhibitorSchema = new Schema<Exhibitor>(
  {
    eventId: { type: Schema.Types.ObjectId, required: true },
    firmId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: EXHIBITOR_STATUSES, default: 'pending' },
    appliedBy: { type: Schema.Types.ObjectId, required: true },
    decidedBy: Schema.Types.ObjectId,
    decidedAt: Date,
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
exhibitorSchema.index({ eventId: 1, firmId: 1 }, { unique: true });
exhibitorSchema.index({ eventId: 1, createdAt: 1, _id: 1 });

const slotSchema = new Schema<MeetingSlot>(
  {
    eventId: { type: Schema.Types.ObjectId, required: true },
    exhibitorId: { type: Schema.Types.ObjectId, required: true },
    firmId: { type: Schema.Types.ObjectId, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    bookedBy: { type: Schema.Types.ObjectId, default: null },
    bookedAt: Date,
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
slotSchema.index({ eventId: 1, startsAt: 1, _id: 1 });
slotSchema.index({ bookedBy: 1, startsAt: 1 });
// An exhibitor's own slot list pages in time order.
slotSchema.index({ exhibitorId: 1, startsAt: 1, _id: 1 });

/** The exhibitors collection on this connection. */
export function exhibitorModel(connection: Connection): Model<Exhibitor> {
  return (
    (connection.models.Exhibitor as Model<Exhibitor> | undefined) ??
    connection.model<Exhibitor>('Exhibitor', exhibitorSchema, 'exhibitors')
  );
}

/** The meeting slots collection on this connection. */
export function slotModel(connection: Connection): Model<MeetingSlot> {
  return (
    (connection.models.MeetingSlot as Model<MeetingSlot> | undefined) ??
    connection.model<MeetingSlot>('MeetingSlot', slotSchema, 'meeting_slots')
  );
}
