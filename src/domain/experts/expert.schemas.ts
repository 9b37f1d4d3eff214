import { z } from 'zod';
import { COUNTRY_CODE, ENGAGEMENT_TYPES, LANGUAGE_CODE } from '../shared/constants.js';
import { timeZoneSchema } from '../users/user.schemas.js';
import { AVAILABILITY } from './expert.model.js';
import { normaliseSkills } from './skill-tags.js';
import { bilingualText } from '../shared/bilingual-text.js';
import { personText } from '../shared/person-text.js';
import { validationKey } from '../../i18n/validation-messages.js';

/** Skills as typed by people, normalised to tags ("React.js" → "react"), 1-30 of them. */
export const skillListSchema = (min: number) =>
  z
    .array(z.string().trim().min(1).max(40))
    .max(30)
    .transform(normaliseSkills)
    .pipe(z.array(z.string()).min(min, validationKey('validation.skills_required')));

export const languageListSchema = z
  .array(z.string().toLowerCase().regex(LANGUAGE_CODE, validationKey('validation.language_codes')))
  .min(1)
  .max(10)
  .transform((codes) => [...new Set(codes)]);

export const countrySchema = z.string().toUpperCase().regex(COUNTRY_CODE, validationKey('validation.country_code'));

const expertProfileFields = z.strictObject({
  headline: personText({ min: 3, max: 140 }),
  bio: bilingualText(4000, { min: 0 }),
  skills: skillListSchema(1),
  languages: languageListSchema,
  country: countrySchema,
  city: z.string().trim().min(1).max(80).optional(),
  timezone: timeZoneSchema,
  engagementTypes: z
    .array(z.enum(ENGAGEMENT_TYPES))
    .min(1)
    .max(ENGAGEMENT_TYPES.length)
    .transform((types) => [...new Set(types)]),
  availability: z.enum(AVAILABILITY),
  hoursPerWeek: z.number().int().min(1).max(80).optional(),
});

/** An expert's profile as they write it (PUT replaces it whole). */
export const expertProfileInput = expertProfileFields.extend({
  bio: expertProfileFields.shape.bio.default({}),
  availability: expertProfileFields.shape.availability.default('available'),
});
export type ExpertProfileInput = z.infer<typeof expertProfileInput>;

/** A partial change to one's own profile; absent fields stay as they are (no defaults here). */
export const expertProfilePatch = expertProfileFields.partial();
export type ExpertProfilePatch = z.infer<typeof expertProfilePatch>;

/** A comma-separated query value ("react,k8s") as a list of up to 20 strings. */
export const csvList = z
  .string()
  .max(500)
  .transform((list) => list.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(40)).max(20));

/** Filters of the public expert directory. */
export const expertListQuery = z.strictObject({
  skills: csvList.transform(normaliseSkills).optional(),
  country: countrySchema.optional(),
  language: z.string().toLowerCase().regex(LANGUAGE_CODE).optional(),
  engagementType: z.enum(ENGAGEMENT_TYPES).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ExpertListQuery = z.infer<typeof expertListQuery>;
