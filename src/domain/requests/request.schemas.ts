import { z } from 'zod';
import { csvList, languageListSchema, skillListSchema } from '../experts/expert.schemas.js';
import { normaliseSkills } from '../experts/skill-tags.js';
import { ENGAGEMENT_TYPES } from '../shared/constants.js';
import { timeZoneSchema } from '../users/user.schemas.js';
import { REQUEST_STATUSES, WORK_MODES } from './request.model.js';
import { requiredBilingualText } from '../shared/bilingual-text.js';
import { validationKey } from '../../i18n/validation-messages.js';


const hour = z.number().int().min(0).max(24);

const timezoneWindow = z
  .strictObject({ timezone: timeZoneSchema, startHour: hour, endHour: hour })
  .refine((w) => w.startHour !== w.endHour, validationKey('validation.hours_differ'));

const requestFields = z.strictObject({
  title: requiredBilingualText(160),
  body: requiredBilingualText(8000),
  skillsMust: skillListSchema(1),
  skillsNice: skillListSchema(0),
  engagementType: z.enum(ENGAGEMENT_TYPES),
  workMode: z.enum(WORK_MODES),
  languages: languageListSchema,
  timezoneWindow,
  city: z.string().trim().min(1).max(80),
  deadline: z.iso.datetime({ offset: true }).transform((iso) => new Date(iso)),
});

/** A new request (saved as a draft). */
export const createRequestInput = requestFields.partial({ city: true, deadline: true }).extend({
  skillsNice: requestFields.shape.skillsNice.default([]),
  languages: requestFields.shape.languages.default(['vi', 'en']),
  timezoneWindow: timezoneWindow.default({ timezone: 'Asia/Ho_Chi_Minh', startHour: 8, endHour: 17 }),
});
export type CreateRequestInput = z.infer<typeof createRequestInput>;

/** A change to a draft or open request. */
export const updateRequestInput = requestFields.partial();
export type UpdateRequestInput = z.infer<typeof updateRequestInput>;

/** Filters of the request listing. Drafts and closed requests are visible only to the firm's members. */
export const requestListQuery = z.strictObject({
  skills: csvList.transform(normaliseSkills).optional(),
  engagementType: z.enum(ENGAGEMENT_TYPES).optional(),
  workMode: z.enum(WORK_MODES).optional(),
  firmId: z.string().regex(/^[0-9a-f]{24}$/i, validationKey('validation.firm_id')).optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RequestListQuery = z.infer<typeof requestListQuery>;
