import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_STATUSES, type WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.model.js';
import { createWebhookInput, updateWebhookInput } from '../../domain/webhooks/webhook.schemas.js';
import { answer, defineRoute } from '../route-spec.js';
import { idParams } from './shared-schemas.js';

const endpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string(),
  firmId: z.string().optional(),
  status: z.enum(WEBHOOK_STATUSES).meta({ description: 'paused by its managers; disabled by the service after a day of failed deliveries (resume to re-enable)' }),
  /** Secrets that still sign (after a rotation, the previous one until it expires); never their values. */
  secrets: z.array(z.object({ createdAt: z.string(), expiresAt: z.string().optional() })),
  disabledAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const withSecret = endpointView.extend({
  secret: z.string().meta({ description: 'The signing secret (whsec_…): shown this once, keep it safe' }),
});

function toView(endpoint: WebhookEndpoint, now = new Date()): z.infer<typeof endpointView> {
  return {
    id: String(endpoint._id),
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    ...(endpoint.firmId ? { firmId: String(endpoint.firmId) } : {}),
    status: endpoint.status,
    secrets: endpoint.secrets
      .filter((s) => !s.expiresAt || s.expiresAt > now)
      .map((s) => ({ createdAt: s.createdAt.toISOString(), ...(s.expiresAt ? { expiresAt: s.expiresAt.toISOString() } : {}) })),
    ...(endpoint.disabledAt ? { disabledAt: endpoint.disabledAt.toISOString() } : {}),
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

const testOutcome = z.object({
  webhookId: z.string(),
  delivered: z.boolean().meta({ description: 'The receiver answered 2xx' }),
  statusCode: z.number().int().optional(),
  latencyMs: z.number().int(),
  error: z.string().optional().meta({ description: 'Why nothing was answered: a timeout, a refused connection, a refused URL' }),
});

const TAG = 'Webhooks';

export const webhookRoutes = [
  defineRoute({
    method: 'post',
    path: '/webhooks',
    operationId: 'createWebhook',
    summary: 'Register an endpoint to be told of the programme’s events (admins; a firm’s owners with firmId). The secret is shown once',
    tag: TAG,
    access: 'user',
    body: createWebhookInput,
    example: { url: 'https://portal.example.vn/hooks/bridge', events: ['request.published', 'event.published'], description: 'City portal' },
    success: { status: 201, description: 'The endpoint and its signing secret', schema: withSecret },
    errors: [403, 404, 409, 422],
    async handle({ actor, body, services }) {
      const { endpoint, secret } = await services.webhooks.create(actor, body);
      return answer(201, { ...toView(endpoint), secret });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/webhooks',
    operationId: 'listWebhooks',
    summary: 'The endpoints you manage (admins: all)',
    tag: TAG,
    access: 'user',
    success: { status: 200, description: 'Endpoints, oldest first', schema: z.object({ items: z.array(endpointView) }) },
    async handle({ actor, services }) {
      return { items: (await services.webhooks.list(actor)).map((e) => toView(e)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/webhooks/{id}',
    operationId: 'getWebhook',
    summary: 'One endpoint you manage',
    tag: TAG,
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The endpoint', schema: endpointView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toView(await services.webhooks.get(actor, params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/webhooks/{id}',
    operationId: 'updateWebhook',
    summary: 'Change an endpoint’s URL, events or description',
    tag: TAG,
    access: 'user',
    params: idParams,
    body: updateWebhookInput,
    example: { events: ['request.published', 'request.closed'] },
    success: { status: 200, description: 'The endpoint as changed', schema: endpointView },
    errors: [404, 422],
    async handle({ actor, params, body, services }) {
      return toView(await services.webhooks.update(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/webhooks/{id}',
    operationId: 'deleteWebhook',
    summary: 'Remove an endpoint; nothing more is sent to it',
    tag: TAG,
    access: 'user',
    params: idParams,
    success: { status: 204, description: 'Removed' },
    errors: [404],
    async handle({ actor, params, services }) {
      await services.webhooks.remove(actor, params.id);
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/webhooks/{id}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret, shown once; the previous one keeps signing beside it for 24 hours',
    tag: TAG,
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The endpoint and its new secret', schema: withSecret },
    errors: [404],
    async handle({ actor, params, services }) {
      const { endpoint, secret } = await services.webhooks.rotateSecret(actor, params.id);
      return { ...toView(endpoint), secret };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/webhooks/{id}/pause',
    operationId: 'pauseWebhook',
    summary: 'Stop sending to an endpoint until it is resumed',
    tag: TAG,
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The endpoint, paused', schema: endpointView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toView(await services.webhooks.setPaused(actor, params.id, true));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/webhooks/{id}/resume',
    operationId: 'resumeWebhook',
    summary: 'Send to a paused endpoint again, or re-enable one the service disabled after failures',
    tag: TAG,
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The endpoint, active', schema: endpointView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toView(await services.webhooks.setPaused(actor, params.id, false));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/webhooks/{id}/test',
    operationId: 'testWebhook',
    summary: 'Send a signed ping event to the endpoint now and see how it answered (paused or disabled endpoints too)',
    tag: TAG,
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'How the receiver answered', schema: testOutcome },
    errors: [404],
    async handle({ actor, params, services }) {
      const { webhookId, outcome } = await services.webhooks.sendTest(actor, params.id);
      return {
        webhookId,
        delivered: outcome.ok,
        latencyMs: outcome.latencyMs,
        ...(outcome.statusCode === undefined ? {} : { statusCode: outcome.statusCode }),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
      };
    },
  }),
];
