import { z } from 'zod';
import { isValidTimeZone } from '../shared/timezone.js';
import { CHANNELS, DIGEST_DAYS } from './user.model.js';
import { personText } from '../shared/person-text.js';
import { validationKey } from '../../i18n/validation-messages.js';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, validationKey('validation.clock_time'));

export const localeSchema = z.enum(['vi', 'en']);

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isValidTimeZone, validationKey('validation.time_zone'));

export const contactSchema = z.strictObject({
  email: z.email().max(254).optional(),
  phone: z.string().regex(/^\+?[0-9 ().-]{6,24}$/, validationKey('validation.phone')).optional(),
  telegram: z.string().regex(/^@?[A-Za-z0-9_]{5,32}$/, validationKey('validation.telegram_username')).optional(),
  discord: z.string().min(2).max(37).optional(),
  linkedin: z.url().max(300).optional(),
  website: z.url().max(300).optional(),
});

export const notificationPrefsSchema = z.strictObject({
  channels: z
    .array(z.enum(CHANNELS))
    .min(1)
    .max(CHANNELS.length)
    .refine((list) => new Set(list).size === list.length, validationKey('validation.channels_unique')),
  quietHours: z.strictObject({ start: clockTime, end: clockTime }).nullable(),
  digestDay: z.enum(DIGEST_DAYS),
});

/** What a user may change about themselves via /me. */
export const updateMeSchema = z.strictObject({
  displayName: personText({ max: 80 }).optional(),
  locale: localeSchema.optional(),
  timezone: timeZoneSchema.optional(),
  contact: contactSchema.optional(),
  notifications: notificationPrefsSchema.partial().optional(),
});
export type UpdateMe = z.infer<typeof updateMeSchema>;
