import { Types } from 'mongoose';
import { z } from 'zod';
import { validationKey } from '../../i18n/validation-messages.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-endpoint.model.js';

const eventList = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)])
  .meta({ description: 'The events to deliver; at least one' });
const url = z.string().trim().min(1).max(2000).meta({ description: 'https URL that receives POSTed events', example: 'https://portal.example.vn/hooks/bridge' });
const description = z.string().trim().max(500);

/** A new endpoint; firmId makes it the firm's own (its owners manage it; only that firm's events reach it). */
export const createWebhookInput = z.strictObject({
  url,
  events: eventList,
  description: description.default(''),
  firmId: z
    .string()
    .regex(/^[0-9a-f]{24}$/i, validationKey('validation.firm_id'))
    .transform((id) => new Types.ObjectId(id))
    .optional(),
});
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

/** A change to an endpoint: any of url, events, description. */
export const updateWebhookInput = z
  .strictObject({ url: url.optional(), events: eventList.optional(), description: description.optional() })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), validationKey('validation.change_one_field'));
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;
