import { z } from 'zod';
import { BROADCAST_AUDIENCES, type Broadcast } from '../../domain/broadcasts/broadcast.model.js';
import { broadcastListQuery, createBroadcastInput, segmentInput } from '../../domain/broadcasts/broadcast.schemas.js';
import { BROADCAST_LIFECYCLE } from '../../domain/broadcasts/broadcast-lifecycle.js';
import type { BroadcastProgress, BroadcastsService } from '../../domain/broadcasts/broadcasts.service.js';
import { DELIVERY_STATUSES } from '../../domain/notifications/delivery.model.js';
import { answer, defineRoute } from '../route-spec.js';
import { idParams, isoDate, pageOf } from './shared-schemas.js';

const statusCounts = z.object(Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof DELIVERY_STATUSES)[number], z.ZodNumber>);
const progressView = z.object({ telegram: statusCounts, discord: statusCounts });

const countsView = z
  .object({
    total: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    unreachable: z.number().int(),
    pending: z.number().int(),
    cancelled: z.number().int(),
  })
  .describe('Recipients (people) by outcome; unreachable = no channel reaches them (no bot account, or the bot was refused)');

const broadcastView = z.object({
  id: z.string(),
  segment: z.object({
    audience: z.enum(BROADCAST_AUDIENCES),
    countries: z.array(z.string()),
    skills: z.array(z.string()),
    locales: z.array(z.enum(['vi', 'en'])),
  }),
  text: z.object({ vi: z.string().optional(), en: z.string().optional() }),
  link: z.object({ kind: z.enum(['event', 'request']), id: z.string() }).nullable(),
  sendAt: isoDate,
  status: z.enum(BROADCAST_LIFECYCLE).describe('scheduled → sending → sent, or cancelled / failed; computed from the deliveries'),
  counts: countsView,
  createdBy: z.string(),
  createdAt: isoDate,
});
const broadcastDetail = broadcastView.extend({ progress: progressView });
const cancelView = broadcastDetail.extend({
  cancellation: z
    .object({ stopped: z.number().int(), alreadySent: z.number().int(), stillSending: z.number().int() })
    .describe('Deliveries stopped by the cancel, already sent, and being sent at that moment (these may still arrive)'),
});

type BroadcastState = Awaited<ReturnType<BroadcastsService['state']>>;

function toView(b: Broadcast, state: BroadcastState): z.infer<typeof broadcastView> {
  return {
    id: String(b._id),
    segment: { audience: b.segment.audience, countries: b.segment.countries, skills: b.segment.skills, locales: b.segment.locales },
    text: { ...(b.text.vi ? { vi: b.text.vi } : {}), ...(b.text.en ? { en: b.text.en } : {}) },
    link: b.link?.kind ? { kind: b.link.kind, id: String(b.link.id) } : null,
    sendAt: b.sendAt.toISOString(),
    status: state.status,
    counts: state.counts,
    createdBy: String(b.createdBy),
    createdAt: b.createdAt.toISOString(),
  };
}

const toDetail = (b: Broadcast, state: BroadcastState, progress: BroadcastProgress) => ({ ...toView(b, state), progress });

export const broadcastRoutes = [
  defineRoute({
    method: 'post',
    path: '/broadcasts/preview',
    operationId: 'previewBroadcast',
    summary: 'How many people a segment reaches, per channel (organisers); sends nothing',
    tag: 'Broadcasts',
    access: ['organiser'],
    body: z.strictObject({ segment: segmentInput }),
    example: { segment: { audience: 'experts', countries: ['DE'], skills: ['k8s'], locales: ['vi'] } },
    success: {
      status: 200,
      description: 'Recipient counts',
      schema: z.object({ recipients: z.number().int(), telegram: z.number().int(), discord: z.number().int(), unreachable: z.number().int() }),
    },
    async handle({ actor, body, services }) {
      return services.broadcasts.preview(actor, body.segment);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/broadcasts',
    operationId: 'createBroadcast',
    summary: 'Send a message to a segment now or at a time (organisers)',
    tag: 'Broadcasts',
    access: ['organiser'],
    body: createBroadcastInput,
    example: { segment: { audience: 'everyone', locales: ['vi', 'en'] }, text: { vi: 'Hội chợ CNTT mở cửa tuần sau.', en: 'The IT fair opens next week.' }, sendAt: '2030-03-10T02:00:00.000Z' },
    success: { status: 201, description: 'The scheduled broadcast', schema: broadcastView },
    errors: [422],
    async handle({ actor, body, services }) {
      const created = await services.broadcasts.create(actor, body);
      return answer(201, toView(created, await services.broadcasts.state(actor, created._id)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/broadcasts',
    operationId: 'listBroadcasts',
    summary: 'Broadcasts, newest first (organisers)',
    tag: 'Broadcasts',
    access: ['organiser'],
    query: broadcastListQuery,
    success: { status: 200, description: 'A page of broadcasts', schema: pageOf(broadcastView) },
    async handle({ actor, query, services }) {
      const page = await services.broadcasts.list(actor, query);
      const states = await Promise.all(page.items.map((b) => services.broadcasts.state(actor, b._id)));
      return { items: page.items.map((b, i) => toView(b, states[i] as BroadcastState)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/broadcasts/{id}',
    operationId: 'getBroadcast',
    summary: 'A broadcast with its progress: deliveries per channel and status (organisers)',
    tag: 'Broadcasts',
    access: ['organiser'],
    params: idParams,
    success: { status: 200, description: 'The broadcast', schema: broadcastDetail },
    errors: [404],
    async handle({ actor, params, services }) {
      const broadcast = await services.broadcasts.get(actor, params.id);
      return toDetail(broadcast, await services.broadcasts.state(actor, params.id), await services.broadcasts.progress(actor, params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/broadcasts/{id}/cancel',
    operationId: 'cancelBroadcast',
    summary: 'Cancel a broadcast that is scheduled or still sending: what has not gone yet stops (organisers)',
    tag: 'Broadcasts',
    access: ['organiser'],
    params: idParams,
    success: { status: 200, description: 'The cancelled broadcast and what the cancel stopped', schema: cancelView },
    errors: [404, 409],
    async handle({ actor, params, services }) {
      const { broadcast, outcome } = await services.broadcasts.cancel(actor, params.id);
      const [state, progress] = await Promise.all([services.broadcasts.state(actor, params.id), services.broadcasts.progress(actor, params.id)]);
      return { ...toDetail(broadcast, state, progress), cancellation: outcome };
    },
  }),
];
