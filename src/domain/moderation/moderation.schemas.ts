import { z } from 'zod';
import { FLAG_REASONS } from './flag.model.js';
import { personText } from '../shared/person-text.js';
import { validationKey } from '../../i18n/validation-messages.js';

/** A member's flag: why, and for "other" a note saying what is wrong. */
export const flagInput = z
  .strictObject({ reason: z.enum(FLAG_REASONS), note: z.string().trim().min(1).max(500).optional() })
  .refine((f) => f.reason !== 'other' || f.note !== undefined, { message: validationKey('validation.flag_note_required'), path: ['note'] });
export type FlagInput = z.infer<typeof flagInput>;

/** Paging through the moderators' queue: open cases oldest first, decided ones newest first. */
export const queueQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).default('open'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type QueueQuery = z.infer<typeof queueQuery>;

/** A moderator's decision on a flagged item. */
export const resolveFlagsInput = z.strictObject({ decision: z.enum(['hide', 'keep']), note: z.string().trim().min(1).max(500).optional() });
export type ResolveFlagsInput = z.infer<typeof resolveFlagsInput>;

/** A ban: why, and optionally when it ends by itself (ISO 8601 with an offset). */
export const banInput = z.strictObject({
  reason: personText({ min: 3, max: 500, multiline: true }),
  until: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
});
export type BanInput = z.infer<typeof banInput>;
