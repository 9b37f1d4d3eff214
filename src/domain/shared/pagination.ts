import { Types, type QueryFilter, type Model } from 'mongoose';
import { z } from 'zod';
import { AppError } from '../app-error.js';

/** One page of a listing; pass nextCursor back to get the next one (null = no more). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Which page a caller asks for: the previous page's nextCursor (none for the first) and a size. */
export interface PageRequest {
  cursor?: string | undefined;
  limit: number;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A cursor that is not one we issued, or was tampered with. */
export class BadCursorError extends AppError {}

const positionSchema = z.object({
  // v = last sort value (d: date ISO, n: number, s: string), i = last _id.
  k: z.enum(['d', 'n', 's']),
  v: z.union([z.string(), z.number()]),
  i: z.string().regex(/^[0-9a-f]{24}$/),
});
type Position = z.infer<typeof positionSchema>;

function encode(value: unknown, id: Types.ObjectId): string {
  const position: Position =
    value instanceof Date
      ? { k: 'd', v: value.toISOString(), i: String(id) }
      : typeof value === 'number'
        ? { k: 'n', v: value, i: String(id) }
        : { k: 's', v: String(value ?? ''), i: String(id) };
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decode(cursor: string): { value: unknown; id: Types.ObjectId } {
  try {
    const position = positionSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    const value = position.k === 'd' ? new Date(String(position.v)) : position.v;
    if (value instanceof Date && Number.isNaN(value.getTime())) throw new Error('bad date');
    return { value, id: new Types.ObjectId(position.i) };
  } catch {
    throw new BadCursorError('pagination.bad_cursor', 'The cursor is not valid; start again without it.');
  }
}

/**
 * Keyset pagination on (sortField, _id): items inserted while someone pages never shift
 * or repeat what they see, unlike skip/limit. Needs an index on {sortField: dir, _id: dir}.
 */
export async function paginate<T extends { _id: Types.ObjectId }>(
  model: Model<T>,
  filter: QueryFilter<T>,
  options: { sortField: keyof T & string; direction: 1 | -1; cursor?: string | undefined; limit: number },
): Promise<Page<T>> {
  const { sortField, direction } = options;
  const limit = Math.min(Math.max(options.limit, 1), MAX_PAGE_SIZE);
  const beyond = direction === -1 ? '$lt' : '$gt';
  let query: QueryFilter<T> = filter;
  if (options.cursor) {
    const { value, id } = decode(options.cursor);
    const after = { $or: [{ [sortField]: { [beyond]: value } }, { [sortField]: value, _id: { [beyond]: id } }] };
    query = { $and: [filter, after] } as QueryFilter<T>;
  }
  const rows = (await model
    .find(query)
    .sort({ [sortField]: direction, _id: direction })
    .limit(limit + 1)
    .lean()) as T[];
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encode((last as Record<string, unknown>)[sortField], last._id) : null,
  };
}
