import { Types } from 'mongoose';
import { z } from 'zod';
import { isModerator } from '../../domain/forum/forum-access.js';
import {
  createCategoryInput,
  createThreadInput,
  editThreadInput,
  threadListQuery,
  threadModerationInput,
  updateCategoryInput,
} from '../../domain/forum/forum.schemas.js';
import { answer, defineRoute } from '../route-spec.js';
import { forumPostRoutes } from './forum-posts.routes.js';
import { categoryView, revisionView, threadView, toCategoryView, toRevisionView, toThreadView, toThreadViews } from './forum-views.js';
import { idParams, pageOf } from './shared-schemas.js';

const categoryRoutes = [
  defineRoute({
    method: 'get',
    path: '/forum/categories',
    operationId: 'listForumCategories',
    summary: 'Forum categories in display order',
    tag: 'Forum',
    access: 'public',
    success: { status: 200, description: 'Every category', schema: z.object({ items: z.array(categoryView) }) },
    async handle({ services }) {
      return { items: (await services.forum.categories.list()).map(toCategoryView) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/forum/categories',
    operationId: 'createForumCategory',
    summary: 'Create a forum category with a unique slug (admins)',
    tag: 'Forum',
    access: ['admin'],
    body: createCategoryInput,
    example: { slug: 'cloud-devops', name: { vi: 'Điện toán đám mây', en: 'Cloud' }, description: { en: 'Ops talk' }, position: 1 },
    success: { status: 201, description: 'The new category', schema: categoryView },
    errors: [409],
    async handle({ actor, body, services }) {
      return answer(201, toCategoryView(await services.forum.categories.create(actor, body)));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/forum/categories/{id}',
    operationId: 'updateForumCategory',
    summary: 'Rename, describe, re-slug or reorder a category (admins)',
    tag: 'Forum',
    access: ['admin'],
    params: idParams,
    body: updateCategoryInput,
    example: { name: { en: 'Cloud & DevOps' }, position: 2 },
    success: { status: 200, description: 'The category', schema: categoryView },
    errors: [404, 409],
    async handle({ actor, params, body, services }) {
      return toCategoryView(await services.forum.categories.update(actor, params.id, body));
    },
  }),
];

const threadRoutes = [
  defineRoute({
    method: 'get',
    path: '/forum/threads',
    operationId: 'listForumThreads',
    summary: 'Threads by latest activity (pinned first within a category), or searched with q: diacritics optional, "phrases" and -exclusions',
    tag: 'Forum',
    access: 'public',
    query: threadListQuery,
    success: { status: 200, description: 'A page of threads; signed-in callers get unreadReplies', schema: pageOf(threadView) },
    // The page is the same for every reader but moderators (who also see hidden threads); a
    // reader's unread counts are their read markers for just that page's threads, read fresh.
    sharedPlusOwn: {
      appliesTo: (actor) => !isModerator(actor),
      async addOwn(shared, { actor, services }) {
        const threads = shared.items.map((t) => ({ _id: new Types.ObjectId(t.id), replyCount: t.replyCount }));
        const unread = await services.forum.threads.unreadReplies(actor.userId, threads);
        return { items: shared.items.map((t, i) => ({ ...t, unreadReplies: unread[i] ?? 0 })), nextCursor: shared.nextCursor };
      },
    },
    async handle({ actor, query, locale, services }) {
      const page = await services.forum.threads.list(actor, query);
      return { items: await toThreadViews(services, locale, page.items), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/forum/threads',
    operationId: 'createForumThread',
    summary: 'Start a thread; you follow it from then on',
    tag: 'Forum',
    access: 'user',
    body: createThreadInput,
    example: { categoryId: '665f1c2e8b3e4a0012345678', title: 'Kubernetes ở Đà Nẵng', body: 'Ai đang dùng **k8s**?', tags: ['k8s'], locale: 'vi' },
    success: { status: 201, description: 'The new thread', schema: threadView },
    errors: [404],
    async handle({ actor, body, locale, services }) {
      return answer(201, await toThreadView(services, locale, await services.forum.threads.create(actor, body)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/forum/threads/{id}',
    operationId: 'getForumThread',
    summary: 'One thread (hidden ones only for moderators)',
    tag: 'Forum',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'The thread', schema: threadView },
    errors: [404],
    async handle({ actor, params, locale, services }) {
      return toThreadView(services, locale, await services.forum.threads.get(actor, params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/forum/threads/{id}',
    operationId: 'editForumThread',
    summary: 'Edit a thread: its author within 30 minutes, moderators any time; the old text is kept in its history',
    tag: 'Forum',
    access: 'user',
    params: idParams,
    body: editThreadInput,
    example: { title: 'Kubernetes ở Hải Phòng', body: 'Đã sửa', tags: ['go'] },
    success: { status: 200, description: 'The thread', schema: threadView },
    errors: [404, 409],
    async handle({ actor, params, body, locale, services }) {
      return toThreadView(services, locale, await services.forum.editing.editThread(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/forum/threads/{id}',
    operationId: 'deleteForumThread',
    summary: 'Delete a thread (its author or a moderator); it stays listed with a placeholder',
    tag: 'Forum',
    access: 'user',
    params: idParams,
    success: { status: 204, description: 'Deleted' },
    errors: [404],
    async handle({ actor, params, services }) {
      await services.forum.editing.deleteThread(actor, params.id);
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/forum/threads/{id}/history',
    operationId: 'getForumThreadHistory',
    summary: 'Earlier versions of a thread, newest first (its author and moderators)',
    tag: 'Forum',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The edit history', schema: z.object({ items: z.array(revisionView) }) },
    errors: [404],
    async handle({ actor, params, services }) {
      return { items: (await services.forum.editing.threadHistory(actor, params.id)).map(toRevisionView) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/forum/threads/{id}/moderation',
    operationId: 'moderateForumThread',
    summary: 'Pin, lock, hide or move a thread (moderators)',
    tag: 'Forum',
    access: ['moderator'],
    params: idParams,
    body: threadModerationInput,
    example: { pinned: true, locked: false, hidden: false },
    success: { status: 200, description: 'The thread', schema: threadView },
    errors: [404],
    async handle({ actor, params, body, locale, services }) {
      return toThreadView(services, locale, await services.forum.editing.moderateThread(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/forum/threads/{id}/read',
    operationId: 'markForumThreadRead',
    summary: 'Mark every reply of a thread as read',
    tag: 'Forum',
    access: 'user',
    params: idParams,
    success: { status: 204, description: 'Marked read' },
    errors: [404],
    async handle({ actor, params, services }) {
      await services.forum.threads.markRead(actor, params.id);
      return undefined;
    },
  }),
];

/** Every forum route, in the order the OpenAPI document lists them. */
export const allForumRoutes = [...categoryRoutes, ...threadRoutes, ...forumPostRoutes];
