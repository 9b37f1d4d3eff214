import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Locale } from '../../i18n/messages.js';
import { ROLES, type Role } from './roles.js';

export const CHANNELS = ['telegram', 'discord'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIGEST_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'off'] as const;
export type DigestDay = (typeof DIGEST_DAYS)[number];

export interface NotificationPrefs {
  /** Channels in the order to try them. */
  channels: Channel[];
  /** Local "HH:MM" window in which non-urgent notices wait; null = no quiet hours. */
  quietHours: { start: string; end: string } | null;
  digestDay: DigestDay;
}

/** How a user can be reached once an introduction is accepted; never shown before. */
export interface Contact {
  email?: string;
  phone?: string;
  telegram?: string;
  discord?: string;
  linkedin?: string;
  website?: string;
}

/** The contact fields that hold a value (drops empty and missing ones). */
export function presentContact(contact: Contact | undefined): Contact {
  return Object.fromEntries(Object.entries(contact ?? {}).filter(([, v]) => typeof v === 'string' && v !== ''));
}

export interface User {
  _id: Types.ObjectId;
  displayName: string;
  locale: Locale;
  timezone: string;
  /** True once the person set their time zone themselves; until then an expert profile's zone becomes theirs. */
  timezoneChosen?: boolean;
  roles: Role[];
  contact: Contact;
  notifications: NotificationPrefs;
  status: 'active' | 'banned';
  /** Why the user was banned, when, by whom and until when (absent = until lifted); kept after a ban ends. */
  ban?: { reason: string; at: Date; by?: Types.ObjectId; until?: Date };
  /** Set when this user was merged into another by /link; such a user no longer acts. */
  mergedInto?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<User>(
  {
    displayName: { type: String, required: true, maxlength: 80 },
    locale: { type: String, enum: ['vi', 'en'], default: 'vi' },
    timezone: { type: String, default: 'Asia/Ho_Chi_Minh' },
    timezoneChosen: { type: Boolean, default: false },
    roles: { type: [String], enum: ROLES, default: ['member'] },
    contact: {
      email: String,
      phone: String,
      telegram: String,
      discord: String,
      linkedin: String,
      website: String,
    },
    notifications: {
      channels: { type: [String], enum: CHANNELS, default: ['telegram', 'discord'] },
      quietHours: { type: { start: String, end: String }, default: null, _id: false },
      digestDay: { type: String, enum: DIGEST_DAYS, default: 'mon' },
    },
    status: { type: String, enum: ['active', 'banned'], default: 'active' },
    ban: { type: { reason: String, at: Date, by: Schema.Types.ObjectId, until: Date }, _id: false },
    mergedInto: { type: Schema.Types.ObjectId },
  },
  { timestamps: true, minimize: false },
);

/** The users collection on this connection. */
export function userModel(connection: Connection): Model<User> {
  return (connection.models.User as Model<User> | undefined) ?? connection.model<User>('User', userSchema);
}
