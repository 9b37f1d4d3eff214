import { z } from 'zod';
import { countrySchema } from '../experts/expert.schemas.js';
import { normaliseSkills } from '../experts/skill-tags.js';
import { objectIdString } from '../forum/forum.schemas.js';
import { MAX_PAGE_SIZE } from '../shared/pagination.js';
import { BROADCAST_AUDIENCES } from './broadcast.model.js';
import { personText } from '../shared/person-text.js';
import { validationKey } from '../../i18n/validation-messages.js';

/** Telegram's limit for one message; longer texts would be split mid-thought. */
export const MAX_BROADCAST_TEXT = 4000;

/** Who a broadcast goes to. */
export const segmentInput = z.strictObject({
  audience: z.enum(BROADCAST_AUDIENCES),
  countries: z.array(countrySchema).max(50).default([]),
  skills: z.array(z.string().trim().min(1).max(40)).max(30).default([]).transform(normaliseSkills),
  locales: z.array(z.enum(['vi', 'en'])).max(2).default([]),
});
export type SegmentInput = z.infer<typeof segmentInput>;

/** A new broadcast (organisers): at least one language; `sendAt` absent = now. */
export const createBroadcastInput = z.strictObject({
  segment: segmentInput,
  text: z
    .strictObject({
      vi: personText({ max: MAX_BROADCAST_TEXT, multiline: true }).optional(),
      en: personText({ max: MAX_BROADCAST_TEXT, multiline: true }).optional(),
    })
    .refine((t) => Boolean(t.vi ?? t.en), validationKey('validation.bilingual_text')),
  link: z.strictObject({ kind: z.enum(['event', 'request']), id: objectIdString }).optional(),
  sendAt: z.iso
    .datetime({ offset: true })
    .transform((iso) => new Date(iso))
    .optional(),
});
export type CreateBroadcastInput = z.infer<typeof createBroadcastInput>;

/** A page of broadcasts, newest first. */
export const broadcastListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type BroadcastListQuery = z.infer<typeof broadcastListQuery>;
