import { Types } from 'mongoose';
import { z } from 'zod';
import { normaliseSkills } from '../experts/skill-tags.js';
import { REACTION_KINDS } from './forum-reactions.js';
import { FORUM_LOCALES, MAX_FORUM_BODY } from './forum-thread.model.js';
import { bilingualText, requiredBilingualText } from '../shared/bilingual-text.js';
import { personText } from '../shared/person-text.js';
import { validationKey } from '../../i18n/validation-messages.js';

/** An id written as 24 hexadecimal characters, turned into an ObjectId. */
export const objectIdString = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, validationKey('validation.object_id'))
  .transform((value) => new Types.ObjectId(value));


const categoryFields = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, validationKey('validation.slug')).max(60),
  name: requiredBilingualText(80, 'validation.bilingual_name'),
  description: bilingualText(1000),
  position: z.number().int().min(0).max(10_000),
});

/** A new forum category (admins). */
export const createCategoryInput = categoryFields.partial({ description: true, position: true }).extend({
  description: categoryFields.shape.description.default({}),
  position: categoryFields.shape.position.default(0),
});
export type CreateCategoryInput = z.infer<typeof createCategoryInput>;

/** A change to a category (admins). */
export const updateCategoryInput = categoryFields.partial();
export type UpdateCategoryInput = z.infer<typeof updateCategoryInput>;

/** Thread tags, normalised like skills ("React.js" → "react"); at most 10. */
export const tagListSchema = z.array(z.string().trim().min(1).max(40)).max(10).transform(normaliseSkills);

const threadFields = z.strictObject({
  categoryId: objectIdString,
  title: personText({ min: 3, max: 200 }),
  body: personText({ max: MAX_FORUM_BODY, multiline: true }),
  tags: tagListSchema,
  locale: z.enum(FORUM_LOCALES),
});

/** A new thread. */
export const createThreadInput = threadFields.partial({ tags: true }).extend({ tags: tagListSchema.default([]) });
export type CreateThreadInput = z.infer<typeof createThreadInput>;

/** An edit of a thread's words: title, body or tags. */
export const editThreadInput = threadFields
  .pick({ title: true, body: true, tags: true })
  .partial()
  .refine((e) => e.title !== undefined || e.body !== undefined || e.tags !== undefined, validationKey('validation.change_one_field'));
export type EditThreadInput = z.infer<typeof editThreadInput>;

/** A reply, or the new text of one. */
export const postInput = z.strictObject({ body: threadFields.shape.body });
export type PostInput = z.infer<typeof postInput>;

/** Moderators' switches on a thread; moving it is changing categoryId. */
export const threadModerationInput = z
  .strictObject({ pinned: z.boolean(), locked: z.boolean(), hidden: z.boolean(), categoryId: objectIdString })
  .partial()
  .refine((m) => Object.keys(m).length > 0, validationKey('validation.set_one_field'));
export type ThreadModerationInput = z.infer<typeof threadModerationInput>;

/** Moderators' switch on a post. */
export const postModerationInput = z.strictObject({ hidden: z.boolean() });

const pageFields = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

/** Filters of the thread listing; `q` turns it into a ranked search. */
export const threadListQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  categoryId: objectIdString.optional(),
  tag: z.string().trim().min(1).max(40).transform((t) => normaliseSkills([t])[0] ?? '').optional(),
  locale: z.enum(FORUM_LOCALES).optional(),
  ...pageFields,
});
export type ThreadListQuery = z.infer<typeof threadListQuery>;

/** Paging of a thread's replies, oldest first. */
export const postListQuery = z.strictObject(pageFields);
export type PostListQuery = z.infer<typeof postListQuery>;

export const reactionKindSchema = z.enum(REACTION_KINDS);
