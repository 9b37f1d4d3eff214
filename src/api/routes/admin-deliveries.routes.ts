import { z } from 'zod';
import type { DeadLetter } from '../../domain/notifications/dead-letters.service.js';
import { DELIVERY_STATUSES, type Delivery } from '../../domain/notifications/delivery.model.js';
import { MAX_PAGE_SIZE } from '../../domain/shared/pagination.js';
import { CHANNELS } from '../../domain/users/user.model.js';
import { defineRoute } from '../route-spec.js';
import { idParams, isoDate, pageOf } from './shared-schemas.js';

const deliveryView = z.object({
  id: z.string(),
  noticeId: z.string(),
  noticeType: z.string().nullable(),
  userId: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

function toView(d: Delivery | DeadLetter): z.infer<typeof deliveryView> {
  return {
    id: String(d._id),
    noticeId: d.noticeId,
    noticeType: 'noticeType' in d ? d.noticeType : null,
    userId: String(d.userId),
    channel: d.channel,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

const deadLetterQuery = z.strictObject({
  status: z.enum(['dead', 'failed']).default('dead'),
  channel: z.enum(CHANNELS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export const adminDeliveryRoutes = [
  defineRoute({
    method: 'get',
    path: '/admin/deliveries',
    operationId: 'listDeadDeliveries',
    summary: 'Dead letters: deliveries whose every attempt failed (status=dead) or that no channel could reach (status=failed), newest first (admins)',
    tag: 'Admin',
    access: ['admin'],
    query: deadLetterQuery,
    success: { status: 200, description: 'A page of deliveries', schema: pageOf(deliveryView) },
    async handle({ actor, query, services }) {
      const page = await services.deadLetters.list(actor, query);
      return { items: page.items.map(toView), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/deliveries/{id}/retry',
    operationId: 'retryDelivery',
    summary: 'Send a dead or failed delivery again (admins)',
    tag: 'Admin',
    access: ['admin'],
    params: idParams,
    success: { status: 200, description: 'The delivery, pending again', schema: deliveryView },
    errors: [404, 409, 503],
    async handle({ actor, params, services }) {
      return toView(await services.deadLetters.retry(actor, params.id));
    },
  }),
];
