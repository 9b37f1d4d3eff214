import { z } from 'zod';
import { EVENT_KINDS } from '../events/event.model.js';
import { normaliseSkill } from '../experts/skill-tags.js';
import { SUBSCRIPTION_KINDS } from './subscription.model.js';
import { validationKey } from '../../i18n/validation-messages.js';

const objectIdText = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, validationKey('validation.object_id'))
  .transform((id) => id.toLowerCase());
const tagText = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .transform(normaliseSkill)
  .refine((tag) => tag.length > 0, validationKey('validation.tag_letters'));

/** A thing to follow; the value is normalised so "React.js" and "react" are one subscription. */
export const subscriptionInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('category'), value: objectIdText }),
  z.strictObject({ kind: z.literal('thread'), value: objectIdText }),
  z.strictObject({ kind: z.literal('tag'), value: tagText }),
  z.strictObject({ kind: z.literal('skill'), value: tagText }),
  z.strictObject({ kind: z.literal('event_kind'), value: z.enum(EVENT_KINDS) }),
]);
export type SubscriptionInput = z.infer<typeof subscriptionInput>;

/** The query of an unsubscribe: a flat object, normalised by the service like subscriptionInput. */
export const unsubscribeQuery = z.strictObject({
  kind: z.enum(SUBSCRIPTION_KINDS),
  value: z.string().trim().min(1).max(60),
});
export type UnsubscribeQuery = z.infer<typeof unsubscribeQuery>;
