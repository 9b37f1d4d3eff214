import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditEntry } from '../../domain/moderation/audit-log.model.js';
import { FLAG_REASONS, FLAG_TARGETS, type Flag, type FlagTarget } from '../../domain/moderation/flag.model.js';
import type { QueueItem } from '../../domain/moderation/flags.service.js';
import { banInput, flagInput, queueQuery, resolveFlagsInput } from '../../domain/moderation/moderation.schemas.js';
import type { BanStatus } from '../../domain/users/ban-state.js';
import { answer, defineRoute } from '../route-spec.js';
import { idParams, isoDate, objectIdSchema, pageOf } from './shared-schemas.js';
import { validationKey } from '../../i18n/validation-messages.js';

const flagReceipt = z.object({ id: z.string(), reason: z.enum(FLAG_REASONS), createdAt: isoDate });

const flagView = z.object({ reporterId: z.string(), reason: z.enum(FLAG_REASONS), note: z.string().nullable(), createdAt: isoDate });

const caseView = z.object({
  targetType: z.enum(FLAG_TARGETS),
  targetId: z.string(),
  threadId: z.string(),
  status: z.enum(['open', 'resolved']),
  openFlags: z.number().int(),
  reasons: z.record(z.string(), z.number().int()),
  openedAt: isoDate,
  lastFlaggedAt: isoDate,
  autoHidden: z.boolean(),
  decision: z.enum(['hide', 'keep']).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: isoDate.nullable(),
  content: z
    .object({ title: z.string().nullable(), body: z.string(), authorId: z.string(), authorName: z.string().nullable(), hidden: z.boolean(), deleted: z.boolean() })
    .nullable(),
  flags: z.array(flagView),
});

const banView = z.object({ banned: z.boolean(), reason: z.string().nullable(), until: isoDate.nullable() });

const auditView = z.object({
  id: z.string(),
  at: isoDate,
  actorId: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  targetType: z.enum(AUDIT_TARGETS),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()),
});

function toFlagView(f: Flag): z.infer<typeof flagView> {
  return { reporterId: String(f.reporterId), reason: f.reason, note: f.note ?? null, createdAt: f.createdAt.toISOString() };
}

function toBanView(b: BanStatus): z.infer<typeof banView> {
  return { banned: b.banned, reason: b.reason ?? null, until: b.until?.toISOString() ?? null };
}

function toAuditView(e: AuditEntry): z.infer<typeof auditView> {
  return {
    id: String(e._id),
    at: e.at.toISOString(),
    actorId: e.actorId ? String(e.actorId) : null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    details: e.details,
  };
}

const flagRoute = (target: FlagTarget) =>
  defineRoute({
    method: 'post',
    path: `/forum/${target}s/{id}/flags`,
    operationId: `flagForum${target === 'thread' ? 'Thread' : 'Post'}`,
    summary: `Flag a ${target} for moderators, with a reason; enough flags from different members hide it until a moderator decides`,
    tag: 'Moderation',
    access: 'user',
    params: idParams,
    body: flagInput,
    example: { reason: 'spam', note: 'Quảng cáo trá hình' },
    success: { status: 201, description: 'Your flag was recorded', schema: flagReceipt },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      const receipt = await services.moderation.flags.flag(actor, target, params.id, body);
      return answer(201, { id: String(receipt.id), reason: receipt.reason, createdAt: receipt.createdAt.toISOString() });
    },
  });

export const moderationRoutes = [
  flagRoute('thread'),
  flagRoute('post'),
  defineRoute({
    method: 'get',
    path: '/moderation/flags',
    operationId: 'listModerationQueue',
    summary: 'The moderators’ queue: flagged threads and replies, oldest open case first, with the flags and the content',
    tag: 'Moderation',
    access: ['moderator'],
    query: queueQuery,
    success: { status: 200, description: 'A page of cases', schema: pageOf(caseView) },
    async handle({ actor, query, services }) {
      const page = await services.moderation.flags.queue(actor, query);
      return { items: page.items.map(toCaseView), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/moderation/flags/{id}/resolution',
    operationId: 'resolveFlags',
    summary: 'Decide a flagged thread or reply by its id: hide it, or keep it (shown again if flags had hidden it)',
    tag: 'Moderation',
    access: ['moderator'],
    params: idParams,
    body: resolveFlagsInput,
    example: { decision: 'hide', note: 'Spam' },
    success: { status: 200, description: 'The decided case', schema: caseView },
    errors: [409],
    async handle({ actor, params, body, services }) {
      return toCaseView(await services.moderation.flags.resolve(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/moderation/users/{id}/ban',
    operationId: 'getBan',
    summary: 'Whether a user is banned, why and until when (moderators)',
    tag: 'Moderation',
    access: ['moderator'],
    params: idParams,
    success: { status: 200, description: 'The ban status', schema: banView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toBanView(await services.moderation.bans.status(actor, params.id));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/moderation/users/{id}/ban',
    operationId: 'banUser',
    summary: 'Ban a user, for good or until a time: their tokens stop working, they cannot post, the bots refuse them (moderators; admins for staff)',
    tag: 'Moderation',
    access: ['moderator'],
    params: idParams,
    body: banInput,
    example: { reason: 'Gửi liên kết rác', until: '2030-03-10T02:00:00.000Z' },
    success: { status: 200, description: 'The ban status', schema: banView },
    errors: [404, 422],
    async handle({ actor, params, body, services }) {
      return toBanView(await services.moderation.bans.ban(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/moderation/users/{id}/ban',
    operationId: 'unbanUser',
    summary: 'Lift a user’s ban (moderators; admins for staff)',
    tag: 'Moderation',
    access: ['moderator'],
    params: idParams,
    success: { status: 200, description: 'The ban status', schema: banView },
    errors: [404, 409, 422],
    async handle({ actor, params, services }) {
      return toBanView(await services.moderation.bans.unban(actor, params.id));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/admin/audit-log',
    operationId: 'listAuditLog',
    summary: 'What moderators and admins did, newest first (admins)',
    tag: 'Admin',
    access: ['admin'],
    query: z.strictObject({
      actorId: objectIdSchema.optional(),
      action: z.enum(AUDIT_ACTIONS).optional(),
      targetId: z.string().regex(/^[0-9a-f]{24}$/i, validationKey('validation.object_id')).transform((s) => s.toLowerCase()).optional(),
      cursor: z.string().max(500).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
    success: { status: 200, description: 'A page of audit entries', schema: pageOf(auditView) },
    async handle({ actor, query, services }) {
      const page = await services.moderation.audit.list(actor, query);
      return { items: page.items.map(toAuditView), nextCursor: page.nextCursor };
    },
  }),
];

function toCaseView(c: QueueItem): z.infer<typeof caseView> {
  return {
    targetType: c.targetType,
    targetId: String(c._id),
    threadId: String(c.threadId),
    status: c.status,
    openFlags: c.openFlags,
    reasons: c.reasons as Record<string, number>,
    openedAt: c.openedAt.toISOString(),
    lastFlaggedAt: c.lastFlaggedAt.toISOString(),
    autoHidden: c.autoHidden,
    decision: c.decision ?? null,
    decidedBy: c.decidedBy ? String(c.decidedBy) : null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    content: c.content ? { ...c.content, authorId: String(c.content.authorId) } : null,
    flags: c.flags.map(toFlagView),
  };
}
