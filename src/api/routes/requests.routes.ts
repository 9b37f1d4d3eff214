import { z } from 'zod';
import type { DomainServices } from '../../domain/domain-services.js';
import { REQUEST_STATUSES, WORK_MODES, type CollaborationRequest } from '../../domain/requests/request.model.js';
import { createRequestInput, requestListQuery, updateRequestInput } from '../../domain/requests/request.schemas.js';
import { ENGAGEMENT_TYPES } from '../../domain/shared/constants.js';
import { answer, defineRoute } from '../route-spec.js';
import { idParams, pageOf } from './shared-schemas.js';

const bilingual = z.object({ vi: z.string().optional(), en: z.string().optional() });

const requestView = z.object({
  id: z.string(),
  firm: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }),
  title: bilingual,
  body: bilingual,
  skillsMust: z.array(z.string()),
  skillsNice: z.array(z.string()),
  engagementType: z.enum(ENGAGEMENT_TYPES),
  workMode: z.enum(WORK_MODES),
  languages: z.array(z.string()),
  timezoneWindow: z.object({ timezone: z.string(), startHour: z.number(), endHour: z.number() }),
  city: z.string().optional(),
  deadline: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
type RequestView = z.infer<typeof requestView>;

function texts(t: { vi?: string; en?: string } | undefined) {
  return { ...(t?.vi ? { vi: t.vi } : {}), ...(t?.en ? { en: t.en } : {}) };
}

/** Renders requests with the names of the firms asking. */
export async function toRequestViews(services: DomainServices, requests: CollaborationRequest[]): Promise<RequestView[]> {
  const firms = await services.firms.namesOf(requests.map((r) => r.firmId));
  return requests.map((r) => {
    const firm = firms.get(String(r.firmId)) ?? { name: '', verified: false };
    return {
      id: String(r._id),
      firm: { id: String(r.firmId), ...firm },
      title: texts(r.title),
      body: texts(r.body),
      skillsMust: r.skillsMust,
      skillsNice: r.skillsNice,
      engagementType: r.engagementType,
      workMode: r.workMode,
      languages: r.languages,
      timezoneWindow: {
        timezone: r.timezoneWindow.timezone,
        startHour: r.timezoneWindow.startHour,
        endHour: r.timezoneWindow.endHour,
      },
      ...(r.city ? { city: r.city } : {}),
      deadline: r.deadline?.toISOString() ?? null,
      status: r.status,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

async function one(services: DomainServices, request: CollaborationRequest): Promise<RequestView> {
  const [view] = await toRequestViews(services, [request]);
  return view as RequestView;
}

const transitionRoute = (action: 'publish' | 'close' | 'fill', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/requests/{id}/${action}`,
    operationId: `${action}Request`,
    summary,
    tag: 'Requests',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The request in its new status', schema: requestView },
    errors: [404, 409, 422],
    async handle({ actor, params, services }) {
      return one(services, await services.requests.transition(actor, params.id, action));
    },
  });

export const requestRoutes = [
  defineRoute({
    method: 'post',
    path: '/firms/{id}/requests',
    operationId: 'createRequest',
    summary: 'Draft a collaboration request for your firm (members of the firm)',
    tag: 'Requests',
    access: 'user',
    params: idParams,
    body: createRequestInput,
    example: { title: { vi: 'Tư vấn chuyển đổi lên Kubernetes', en: 'Kubernetes migration consulting' }, body: { vi: 'Chúng tôi cần chuyên gia giúp chuyển hệ thống ở Hải Phòng lên k8s.', en: 'Help us move to k8s.' }, skillsMust: ['k8s', 'Go'], skillsNice: ['AWS'], engagementType: 'remote_consulting', workMode: 'remote', city: 'Huế', deadline: '2030-03-10T02:00:00.000Z', languages: ['vi'] },
    success: { status: 201, description: 'The draft', schema: requestView },
    errors: [404, 422],
    async handle({ actor, params, body, services }) {
      return answer(201, await one(services, await services.requests.create(actor, params.id, body)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/requests',
    operationId: 'listRequests',
    summary: 'Open requests by skills (any), engagement type, work mode, firm or free text; members also see drafts',
    tag: 'Requests',
    access: 'public',
    query: requestListQuery,
    success: { status: 200, description: 'A page of requests, newest first', schema: pageOf(requestView) },
    // Only a firm's own listing (its drafts, for its members) depends on who asks.
    sameForEveryone: (query) => query.firmId === undefined,
    async handle({ actor, query, services }) {
      const page = await services.requests.list(actor, query);
      return { items: await toRequestViews(services, page.items), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/requests/{id}',
    operationId: 'getRequest',
    summary: 'One request',
    tag: 'Requests',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'The request', schema: requestView },
    errors: [404],
    async handle({ actor, params, services }) {
      return one(services, await services.requests.get(actor, params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/requests/{id}',
    operationId: 'updateRequest',
    summary: 'Change a draft or open request (members of the firm)',
    tag: 'Requests',
    access: 'user',
    params: idParams,
    body: updateRequestInput,
    example: { city: 'Hải Phòng', timezoneWindow: { timezone: 'Asia/Ho_Chi_Minh', startHour: 9, endHour: 18 } },
    success: { status: 200, description: 'The request', schema: requestView },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      return one(services, await services.requests.update(actor, params.id, body));
    },
  }),
  transitionRoute('publish', 'Publish a draft: matching experts are notified (the firm must be verified)'),
  transitionRoute('close', 'Close an open request'),
  transitionRoute('fill', 'Mark a request filled'),
];
