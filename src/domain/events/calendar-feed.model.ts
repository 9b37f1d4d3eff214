import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * A user's personal calendar feed. The secret is stored as is (not hashed) because the
 * person must be able to see their feed URL again; rotating it replaces the old one.
 */
export interface CalendarFeed {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  secret: string;
  createdAt: Date;
  updatedAt: Date;
}

const calendarFeedSchema = new Schema<CalendarFeed>(
  {
    userId: { type: Schema.Types.ObjectId, required: true, unique: true },
    secret: { type: String, required: true, unique: true },
  },
  { timestamps: true },
);

/** The calendar feeds collection on this connection. */
export function calendarFeedModel(connection: Connection): Model<CalendarFeed> {
  return (
    (connection.models.CalendarFeed as Model<CalendarFeed> | undefined) ??
    connection.model<CalendarFeed>('CalendarFeed', calendarFeedSchema, 'calendar_feeds')
  );
}
