import { z } from 'zod';
import { postInput, postListQuery, postModerationInput, reactionKindSchema } from '../../domain/forum/forum.schemas.js';
import { REACTION_KINDS } from '../../domain/forum/forum-reactions.js';
import type { ForumTarget } from '../../domain/forum/forum-records.model.js';
import { answer, defineRoute } from '../route-spec.js';
import { postView, reactionCounts, revisionView, toPostView, toPostViews, toRevisionView } from './forum-views.js';
import { idParams, objectIdSchema, pageOf } from './shared-schemas.js';

const reactionState = z.object({ kind: z.enum(REACTION_KINDS), reacted: z.boolean(), counts: reactionCounts });
const reactionParams = z.strictObject({ id: objectIdSchema, kind: reactionKindSchema });

const reactionRoute = (target: ForumTarget, method: 'put' | 'delete') =>
  defineRoute({
    method,
    path: `/forum/${target}s/{id}/reactions/{kind}`,
    operationId: `${method === 'put' ? 'add' : 'remove'}Forum${target === 'thread' ? 'Thread' : 'Post'}Reaction`,
    summary: method === 'put' ? `React to a ${target} (like, insightful, thanks); repeating it changes nothing` : `Take back your reaction to a ${target}`,
    tag: 'Forum',
    access: 'user',
    params: reactionParams,
    success: { status: 200, description: 'Your reaction and the counts', schema: reactionState },
    errors: [404, 409],
    async handle({ actor, params, services }) {
      const reactions = services.forum.reactions;
      return method === 'put'
        ? reactions.add(actor, target, params.id, params.kind)
        : reactions.remove(actor, target, params.id, params.kind);
    },
  });

export const forumPostRoutes = [
  defineRoute({
    method: 'get',
    path: '/forum/threads/{id}/posts',
    operationId: 'listForumPosts',
    summary: 'Replies of a thread, oldest first (hidden replies only for moderators)',
    tag: 'Forum',
    access: 'public',
    params: idParams,
    query: postListQuery,
    success: { status: 200, description: 'A page of replies', schema: pageOf(postView) },
    errors: [404],
    async handle({ actor, params, query, locale, services }) {
      const page = await services.forum.posts.list(actor, params.id, query);
      return { items: await toPostViews(services, locale, page.items), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/forum/threads/{id}/posts',
    operationId: 'replyToForumThread',
    summary: 'Reply to a thread; locked threads take replies from moderators only',
    tag: 'Forum',
    access: 'user',
    params: idParams,
    body: postInput,
    example: { body: 'Chúng tôi dùng EKS.' },
    success: { status: 201, description: 'The reply', schema: postView },
    errors: [404, 409],
    async handle({ actor, params, body, locale, services }) {
      return answer(201, await toPostView(services, locale, await services.forum.posts.reply(actor, params.id, body)));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/forum/posts/{id}',
    operationId: 'editForumPost',
    summary: 'Edit a reply: its author within 30 minutes, moderators any time; the old text is kept',
    tag: 'Forum',
    access: 'user',
    params: idParams,
    body: postInput,
    example: { body: 'Chúng tôi dùng GKE.' },
    success: { status: 200, description: 'The reply', schema: postView },
    errors: [404, 409],
    async handle({ actor, params, body, locale, services }) {
      return toPostView(services, locale, await services.forum.editing.editPost(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/forum/posts/{id}',
    operationId: 'deleteForumPost',
    summary: 'Delete a reply (its author or a moderator); it keeps its place with a placeholder',
    tag: 'Forum',
    access: 'user',
    params: idParams,
    success: { status: 204, description: 'Deleted' },
    errors: [404],
    async handle({ actor, params, services }) {
      await services.forum.editing.deletePost(actor, params.id);
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/forum/posts/{id}/history',
    operationId: 'getForumPostHistory',
    summary: 'Earlier versions of a reply, newest first (its author and moderators)',
    tag: 'Forum',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The edit history', schema: z.object({ items: z.array(revisionView) }) },
    errors: [404],
    async handle({ actor, params, services }) {
      return { items: (await services.forum.editing.postHistory(actor, params.id)).map(toRevisionView) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/forum/posts/{id}/moderation',
    operationId: 'moderateForumPost',
    summary: 'Hide or show a reply (moderators)',
    tag: 'Forum',
    access: ['moderator'],
    params: idParams,
    body: postModerationInput,
    example: { hidden: true },
    success: { status: 200, description: 'The reply', schema: postView },
    errors: [404],
    async handle({ actor, params, body, locale, services }) {
      return toPostView(services, locale, await services.forum.editing.moderatePost(actor, params.id, body.hidden));
    },
  }),
  reactionRoute('thread', 'put'),
  reactionRoute('thread', 'delete'),
  reactionRoute('post', 'put'),
  reactionRoute('post', 'delete'),
];
