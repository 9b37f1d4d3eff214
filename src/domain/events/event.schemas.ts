import { Types } from 'mongoose';
import { z } from 'zod';
import { timeZoneSchema } from '../users/user.schemas.js';
import { EVENT_KINDS } from './event.model.js';
import { requiredBilingualText } from '../shared/bilingual-text.js';
import { personText } from '../shared/person-text.js';
import { validationKey } from '../../i18n/validation-messages.js';


/**
 * True when `end` is after `start`. zod 4 still runs object refinements when a field
 * failed, so a field may hold the raw string here; the field's own issue reports that.
 */
function endsAfter(start: unknown, end: unknown): boolean {
  return !(start instanceof Date && end instanceof Date) || end.getTime() > start.getTime();
}

const instant = z.iso.datetime({ offset: true }).transform((iso) => new Date(iso));
const objectId = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, validationKey('validation.object_id'))
  .transform((value) => new Types.ObjectId(value));

/** An https link (http would leak who joins what; other schemes are not links people can open). */
export const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(500);

const placeSchema = z.strictObject({
  venue: personText({ max: 160 }),
  address: z.string().trim().min(1).max(300).optional(),
  city: z.string().trim().min(1).max(80),
});

const windowSchema = z
  .strictObject({ opensAt: instant, closesAt: instant })
  .refine((w) => endsAfter(w.opensAt, w.closesAt), { message: validationKey('validation.closes_after_opens'), path: ['closesAt'] });

const eventFields = z.strictObject({
  kind: z.enum(EVENT_KINDS),
  title: requiredBilingualText(200),
  body: requiredBilingualText(8000),
  startsAt: instant,
  endsAt: instant,
  timezone: timeZoneSchema,
  place: placeSchema,
  onlineUrl: httpsUrl,
  capacity: z.number().int().min(1).max(100_000).nullable(),
  organiserIds: z.array(objectId).max(20),
  contest: windowSchema,
});

/** A new event (saved as a draft); the creator is always one of its organisers. */
export const createEventInput = eventFields
  .partial({ place: true, onlineUrl: true, capacity: true, organiserIds: true, contest: true })
  .refine((e) => endsAfter(e.startsAt, e.endsAt), { message: validationKey('validation.ends_after_starts'), path: ['endsAt'] })
  .refine((e) => e.place !== undefined || e.onlineUrl !== undefined, validationKey('validation.place_or_link'))
  .refine((e) => (e.kind === 'contest') === (e.contest !== undefined), {
    message: validationKey('validation.contest_window'),
    path: ['contest'],
  });
export type CreateEventInput = z.infer<typeof createEventInput>;

/** A change to a draft or published event; the kind never changes. Null clears place, link or capacity. */
export const updateEventInput = eventFields
  .omit({ kind: true })
  .extend({ place: placeSchema.nullable(), onlineUrl: httpsUrl.nullable() })
  .partial();
export type UpdateEventInput = z.infer<typeof updateEventInput>;

/** Filters of the upcoming-events listing (published events not yet over, soonest first). */
export const eventListQuery = z.strictObject({
  kind: z.enum(EVENT_KINDS).optional(),
  city: z.string().trim().min(1).max(80).optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type EventListQuery = z.infer<typeof eventListQuery>;

/** A meeting slot an exhibitor offers during the fair. */
export const slotInput = z
  .strictObject({ startsAt: instant, endsAt: instant })
  .refine((s) => endsAfter(s.startsAt, s.endsAt), { message: validationKey('validation.ends_after_starts'), path: ['endsAt'] });
export type SlotInput = z.infer<typeof slotInput>;

/** A contest entry. */
export const submissionInput = z.strictObject({
  title: personText({ max: 200 }),
  link: httpsUrl,
  description: personText({ max: 4000, multiline: true }).optional(),
});
export type SubmissionInput = z.infer<typeof submissionInput>;

/** Contest results: submission ids best first, each with an optional prize text. */
export const resultsInput = z.strictObject({
  ranking: z
    .array(z.strictObject({ submissionId: objectId, prize: z.string().trim().min(1).max(300).optional() }))
    .min(1)
    .max(100)
    .refine((r) => new Set(r.map((entry) => String(entry?.submissionId))).size === r.length, validationKey('validation.ranked_once')),
});
export type ResultsInput = z.infer<typeof resultsInput>;
