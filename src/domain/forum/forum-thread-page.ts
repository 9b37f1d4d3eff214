import { Types, type Model, type QueryFilter } from 'mongoose';
import { z } from 'zod';
import { BadCursorError, type Page } from '../shared/pagination.js';
import type { ForumThread } from './forum-thread.model.js';

const positionSchema = z.object({
  p: z.boolean(),
  v: z.iso.datetime(),
  i: z.string().regex(/^[0-9a-f]{24}$/),
});
type Position = z.infer<typeof positionSchema>;

function decode(cursor: string): { pinned: boolean; at: Date; id: Types.ObjectId } {
  try {
    const raw: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const position = positionSchema.parse(raw);
    return { pinned: position.p, at: new Date(position.v), id: new Types.ObjectId(position.i) };
  } catch {
    throw new BadCursorError('pagination.bad_cursor', 'The cursor is not valid; start again without it.');
  }
}

function encode(thread: ForumThread, pinnedFirst: boolean): string {
  const position: Position = { p: pinnedFirst && thread.pinned, v: thread.lastActivityAt.toISOString(), i: String(thread._id) };
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Threads strictly after (lastActivityAt, _id) in descending order. */
function afterActivity(at: Date, id: Types.ObjectId): QueryFilter<ForumThread> {
  return { $or: [{ lastActivityAt: { $lt: at } }, { lastActivityAt: at, _id: { $lt: id } }] };
}

/**
 * Keyset pages of threads by latest activity, pinned ones first when `pinnedFirst` (a
 * category page). The cursor holds the last (pinned, lastActivityAt, _id), so threads
 * started while someone pages sort before it and never repeat or push older ones away.
 */
export async function threadPage(
  model: Model<ForumThread>,
  filter: QueryFilter<ForumThread>,
  options: { pinnedFirst: boolean; cursor?: string | undefined; limit: number },
): Promise<Page<ForumThread>> {
  const { pinnedFirst, limit } = options;
  let query = filter;
  if (options.cursor) {
    const { pinned, at, id } = decode(options.cursor);
    // Booleans are compared by equality only: "after a pinned one" is the rest of the pinned ones, then all others.
    const after = !pinnedFirst
      ? afterActivity(at, id)
      : pinned
        ? { $or: [{ $and: [{ pinned: true }, afterActivity(at, id)] }, { pinned: false }] }
        : { $and: [{ pinned: false }, afterActivity(at, id)] };
    query = { $and: [filter, after] } as QueryFilter<ForumThread>;
  }
  const sort: Record<string, -1> = pinnedFirst ? { pinned: -1, lastActivityAt: -1, _id: -1 } : { lastActivityAt: -1, _id: -1 };
  const rows = await model.find(query).sort(sort).limit(limit + 1).lean();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encode(last, pinnedFirst) : null };
}
