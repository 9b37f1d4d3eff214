import { z } from 'zod';
import { countrySchema } from '../experts/expert.schemas.js';
import { FIRM_ROLES, FIRM_SIZES } from './firm.model.js';
import { bilingualText } from '../shared/bilingual-text.js';
import { personText } from '../shared/person-text.js';
import { validationKey } from '../../i18n/validation-messages.js';

/** Optional in both languages: a firm may describe itself later. */
const firmDescription = bilingualText(4000, { min: 0 });

const firmFields = z.strictObject({
  name: personText({ min: 2, max: 120 }),
  sector: z.string().trim().min(2).max(60),
  size: z.enum(FIRM_SIZES),
  city: z.string().trim().min(1).max(80),
  country: countrySchema,
  website: z.url({ protocol: /^https?$/ }).max(300),
  description: firmDescription,
});

/** A new firm; its creator becomes the owner. */
export const createFirmInput = firmFields.partial({ website: true, description: true, country: true }).extend({
  country: countrySchema.default('VN'),
  description: firmDescription.default({}),
});
export type CreateFirmInput = z.infer<typeof createFirmInput>;

/** A change to a firm's profile. */
export const updateFirmInput = firmFields.partial();
export type UpdateFirmInput = z.infer<typeof updateFirmInput>;

export const addMemberInput = z.strictObject({
  userId: z.string().regex(/^[0-9a-f]{24}$/i, validationKey('validation.user_id')),
  role: z.enum(FIRM_ROLES).default('staff'),
});

export const firmListQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().max(80).optional(),
  sector: z.string().trim().max(60).optional(),
  verified: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type FirmListQuery = z.infer<typeof firmListQuery>;

/** PATCH /firms/{id}/members/{userId}: an owner changes a member's role. */
export const changeMemberRoleInput = z.strictObject({ role: z.enum(FIRM_ROLES) });
