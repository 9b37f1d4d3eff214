import { Types } from 'mongoose';
import { z } from 'zod';
import { validationKey } from '../../i18n/validation-messages.js';

/** A MongoDB ObjectId in a path or body: 24 hex characters, turned into an ObjectId. */
export const objectIdSchema = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, validationKey('validation.object_id'))
  .transform((value) => new Types.ObjectId(value))
  .meta({ description: 'A 24-character hexadecimal id', example: '665f1c2e8b3e4a0012345678' });

export const idParams = z.strictObject({ id: objectIdSchema });

/** Dates travel as ISO 8601 strings. */
export const isoDate = z.iso.datetime({ offset: true });

/** A page of items with the cursor of the next page (null at the end). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** ?cursor=…&limit=…: keyset paging shared by every list (20 by default, at most 100). */
export const pageQuery = z.strictObject({
  cursor: z.string().max(500).optional().meta({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
