import { z } from 'zod';
import type { Model, QueryFilter, Types } from 'mongoose';
import { BadCursorError, type Page } from './pagination.js';
import { foldForSearch } from './fold-text.js';

/** Largest number of text-search hits one can page through; relevance past that is noise. */
export const MAX_SEARCH_RESULTS = 500;

/** Builds the stored search field from a document's texts: folded so "da nang" finds "Đà Nẵng". */
export function searchTextOf(parts: readonly (string | undefined | readonly string[])[]): string {
  return foldForSearch(parts.flat().filter(Boolean).join(' ')).slice(0, 20_000);
}

/** A $text filter for what a person typed, folded the same way as the stored field. */
export function textFilter(typed: string): { $text: { $search: string } } {
  return { $text: { $search: foldForSearch(typed) } };
}

const offsetCursor = z.object({ o: z.number().int().min(0).max(MAX_SEARCH_RESULTS) });

/** Text-search results are ranked by score, which has no stable key to page on: page by offset. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    return offsetCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).o;
  } catch {
    throw new BadCursorError('pagination.bad_cursor', 'The cursor is not valid; start again without it.');
  }
}

/** The cursor for the page after `offset + returned`, or null at the end. */
export function encodeOffsetCursor(offset: number, returned: number, more: boolean): string | null {
  const next = offset + returned;
  if (!more || next >= MAX_SEARCH_RESULTS) return null;
  return Buffer.from(JSON.stringify({ o: next })).toString('base64url');
}

/** One page of text-search hits, best first (ties newest first). */
export async function searchPage<T extends { _id: Types.ObjectId }>(
  model: Model<T>,
  filter: QueryFilter<T>,
  typed: string,
  options: { cursor?: string | undefined; limit: number },
): Promise<Page<T>> {
  const offset = decodeOffsetCursor(options.cursor);
  const rows = (await model
    .find({ ...filter, ...textFilter(typed) } as QueryFilter<T>, { score: { $meta: 'textScore' } })
    .sort({ score: { $meta: 'textScore' }, _id: -1 })
    .skip(offset)
    .limit(options.limit + 1)
    .lean()) as T[];
  const items = rows.slice(0, options.limit);
  return { items, nextCursor: encodeOffsetCursor(offset, items.length, rows.length > options.limit) };
}
