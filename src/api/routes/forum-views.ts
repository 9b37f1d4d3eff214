import { z } from 'zod';
import type { DomainServices } from '../../domain/domain-services.js';
import type { ForumCategory } from '../../domain/forum/forum-category.model.js';
import type { ForumPost } from '../../domain/forum/forum-post.model.js';
import { countsOf, REACTION_KINDS } from '../../domain/forum/forum-reactions.js';
import type { ForumRevision } from '../../domain/forum/forum-records.model.js';
import { FORUM_LOCALES, type ForumThread } from '../../domain/forum/forum-thread.model.js';
import type { ThreadListing } from '../../domain/forum/forum-threads.service.js';
import type { Locale } from '../../i18n/messages.js';
import { translate } from '../../i18n/translate.js';

const bilingual = z.object({ vi: z.string().optional(), en: z.string().optional() });
const author = z.object({ id: z.string(), displayName: z.string() });
export const reactionCounts = z.object(Object.fromEntries(REACTION_KINDS.map((k) => [k, z.number()])) as Record<(typeof REACTION_KINDS)[number], z.ZodNumber>);

export const categoryView = z.object({ id: z.string(), slug: z.string(), name: bilingual, description: bilingual, position: z.number() });

export const threadView = z.object({
  id: z.string(),
  categoryId: z.string(),
  author,
  title: z.string(),
  body: z.string().meta({ description: 'Markdown; a placeholder once deleted' }),
  tags: z.array(z.string()),
  locale: z.enum(FORUM_LOCALES),
  replyCount: z.number(),
  lastActivityAt: z.string(),
  pinned: z.boolean(),
  locked: z.boolean(),
  hidden: z.boolean(),
  deleted: z.boolean(),
  editedAt: z.string().nullable(),
  createdAt: z.string(),
  reactions: reactionCounts,
  /** Signed-in callers only: replies added since they last read the thread. */
  unreadReplies: z.number().optional(),
});

export const postView = z.object({
  id: z.string(),
  threadId: z.string(),
  author,
  body: z.string(),
  hidden: z.boolean(),
  deleted: z.boolean(),
  editedAt: z.string().nullable(),
  createdAt: z.string(),
  reactions: reactionCounts,
});

export const revisionView = z.object({
  revision: z.number(),
  title: z.string().optional(),
  body: z.string(),
  tags: z.array(z.string()).optional(),
  writtenAt: z.string(),
  replacedBy: z.string(),
  replacedAt: z.string(),
});

const texts = (t: { vi?: string; en?: string } | undefined) => ({ ...(t?.vi ? { vi: t.vi } : {}), ...(t?.en ? { en: t.en } : {}) });

/** A category as listed. */
export function toCategoryView(c: ForumCategory): z.infer<typeof categoryView> {
  return { id: String(c._id), slug: c.slug, name: texts(c.name), description: texts(c.description), position: c.position };
}

async function namesFor(services: DomainServices, items: readonly { authorId: ForumThread['authorId'] }[]) {
  return services.forum.threads.authorNames(items.map((i) => i.authorId));
}

/** Threads as shown to readers: deleted ones keep their place but show a placeholder. */
export async function toThreadViews(services: DomainServices, locale: Locale, threads: ThreadListing[]): Promise<z.infer<typeof threadView>[]> {
  const names = await namesFor(services, threads);
  const placeholder = translate(locale, 'forum.deleted_placeholder');
  return threads.map((t) => ({
    id: String(t._id),
    categoryId: String(t.categoryId),
    author: { id: String(t.authorId), displayName: names.get(String(t.authorId)) ?? '' },
    title: t.deletedAt ? placeholder : t.title,
    body: t.deletedAt ? placeholder : t.body,
    tags: t.deletedAt ? [] : t.tags,
    locale: t.locale,
    replyCount: t.replyCount,
    lastActivityAt: t.lastActivityAt.toISOString(),
    pinned: t.pinned,
    locked: t.locked,
    hidden: t.hidden,
    deleted: Boolean(t.deletedAt),
    editedAt: t.editedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    reactions: countsOf(t.reactions),
    ...(t.unreadReplies !== undefined ? { unreadReplies: t.unreadReplies } : {}),
  }));
}

/** One thread as shown to readers. */
export async function toThreadView(services: DomainServices, locale: Locale, thread: ForumThread): Promise<z.infer<typeof threadView>> {
  return (await toThreadViews(services, locale, [thread]))[0] as z.infer<typeof threadView>;
}

/** Replies as shown to readers. */
export async function toPostViews(services: DomainServices, locale: Locale, posts: ForumPost[]): Promise<z.infer<typeof postView>[]> {
  const names = await namesFor(services, posts);
  return posts.map((p) => ({
    id: String(p._id),
    threadId: String(p.threadId),
    author: { id: String(p.authorId), displayName: names.get(String(p.authorId)) ?? '' },
    body: p.deletedAt ? translate(locale, 'forum.deleted_placeholder') : p.body,
    hidden: p.hidden,
    deleted: Boolean(p.deletedAt),
    editedAt: p.editedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    reactions: countsOf(p.reactions),
  }));
}

/** One reply as shown to readers. */
export async function toPostView(services: DomainServices, locale: Locale, post: ForumPost): Promise<z.infer<typeof postView>> {
  return (await toPostViews(services, locale, [post]))[0] as z.infer<typeof postView>;
}

/** An earlier version from the edit history. */
export function toRevisionView(r: ForumRevision): z.infer<typeof revisionView> {
  return {
    revision: r.revision,
    ...(r.title !== undefined ? { title: r.title } : {}),
    body: r.body,
    ...(r.tags ? { tags: r.tags } : {}),
    writtenAt: r.writtenAt.toISOString(),
    replacedBy: String(r.replacedBy),
    replacedAt: r.replacedAt.toISOString(),
  };
}
