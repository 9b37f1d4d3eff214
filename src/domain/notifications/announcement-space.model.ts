import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Locale } from '../../i18n/messages.js';

/**
 * A Telegram group or a Discord server channel whose admins asked for the programme's
 * announcements (new events, broadcasts to everyone) to be posted there.
 */
export interface AnnouncementSpace {
  _id: Types.ObjectId;
  platform: 'telegram' | 'discord';
  /** The Telegram chat id, or the Discord guild id: one announcement channel per group or server. */
  spaceId: string;
  /** Where to post: the Telegram chat id, or the Discord channel id. */
  channelId: string;
  /** The language and zone announcements are written in there. */
  locale: Locale;
  timezone: string;
  setBy: Types.ObjectId;
  updatedAt: Date;
  createdAt: Date;
}

const spaceSchema = new Schema<AnnouncementSpace>(
  {
    platform: { type: String, enum: ['telegram', 'discord'], required: true },
    spaceId: { type: String, required: true, maxlength: 40 },
    channelId: { type: String, required: true, maxlength: 40 },
    locale: { type: String, enum: ['vi', 'en'], required: true },
    timezone: { type: String, required: true },
    setBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
spaceSchema.index({ platform: 1, spaceId: 1 }, { unique: true });

/** The announcement spaces collection on this connection. */
export function announcementSpaceModel(connection: Connection): Model<AnnouncementSpace> {
  return (
    (connection.models.AnnouncementSpace as Model<AnnouncementSpace> | undefined) ??
    connection.model<AnnouncementSpace>('AnnouncementSpace', spaceSchema, 'announcement_spaces')
  );
}
