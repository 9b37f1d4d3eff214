import { z } from 'zod';
import type { Actor } from '../../domain/auth/api-token.service.js';
import type { DomainServices } from '../../domain/domain-services.js';
import { INTRODUCTION_STATUSES, type Introduction } from '../../domain/introductions/introduction.model.js';
import { answer, defineRoute } from '../route-spec.js';
import { idParams, objectIdSchema, pageOf, pageQuery } from './shared-schemas.js';
import { personText } from '../../domain/shared/person-text.js';

const contactFields = z.record(z.string(), z.string());

const introductionView = z.object({
  id: z.string(),
  requestId: z.string(),
  firmId: z.string(),
  expertId: z.string(),
  yourSide: z.enum(['expert', 'firm', 'admin']),
  initiator: z.enum(['expert', 'firm']),
  status: z.enum(INTRODUCTION_STATUSES),
  message: z.string().optional(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Both sides' contact details: present only after both said yes. */
  contacts: z
    .object({
      expert: contactFields,
      firm: z.object({ name: z.string(), website: z.string().optional(), person: contactFields }),
    })
    .nullable(),
});

async function toView(services: DomainServices, actor: Actor, intro: Introduction): Promise<z.infer<typeof introductionView>> {
  const [side, contacts] = await Promise.all([
    services.introductions.sideOf(actor, intro),
    services.introductions.contacts(intro),
  ]);
  return {
    id: String(intro._id),
    requestId: String(intro.requestId),
    firmId: String(intro.firmId),
    expertId: String(intro.expertId),
    yourSide: side,
    initiator: intro.initiator,
    status: intro.status,
    ...(intro.message ? { message: intro.message } : {}),
    expiresAt: intro.expiresAt.toISOString(),
    respondedAt: intro.respondedAt?.toISOString() ?? null,
    createdAt: intro.createdAt.toISOString(),
    contacts: contacts as z.infer<typeof introductionView>['contacts'],
  };
}

const message = personText({ max: 1000, multiline: true }).optional();

const answerRoute = (action: 'accept' | 'decline' | 'withdraw', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/introductions/{id}/${action}`,
    operationId: `${action}Introduction`,
    summary,
    tag: 'Introductions',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The introduction in its new status', schema: introductionView },
    errors: [404, 409],
    async handle({ actor, params, services }) {
      const intro =
        action === 'withdraw'
          ? await services.introductions.withdraw(actor, params.id)
          : await services.introductions.respond(actor, params.id, action);
      return toView(services, actor, intro);
    },
  });

export const introductionRoutes = [
  defineRoute({
    method: 'post',
    path: '/requests/{id}/interest',
    operationId: 'expressInterest',
    summary: '“I’m interested”: ask to be introduced to the firm (experts)',
    tag: 'Introductions',
    access: 'user',
    params: idParams,
    body: z.strictObject({ message }),
    example: { message: 'Tôi quan tâm.' },
    success: { status: 201, description: 'The introduction, waiting for the firm', schema: introductionView },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      const intro = await services.introductions.expressInterest(actor, params.id, body.message);
      return answer(201, await toView(services, actor, intro));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/requests/{id}/invitations',
    operationId: 'inviteExpert',
    summary: 'Invite an expert to your firm’s open request (members of the firm)',
    tag: 'Introductions',
    access: 'user',
    params: idParams,
    body: z.strictObject({ expertId: objectIdSchema, message }),
    example: { expertId: '665f1c2e8b3e4a0012345678', message: 'Chúng tôi mời anh tham gia dự án.' },
    success: { status: 201, description: 'The introduction, waiting for the expert', schema: introductionView },
    errors: [404, 409],
    async handle({ actor, params, body, services }) {
      const intro = await services.introductions.invite(actor, params.id, body.expertId, body.message);
      return answer(201, await toView(services, actor, intro));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/introductions',
    operationId: 'listMyIntroductions',
    summary: 'Your introductions, as an expert and as a member of your firms (newest first)',
    tag: 'Introductions',
    access: 'user',
    query: pageQuery.extend({ status: z.enum(INTRODUCTION_STATUSES).optional() }),
    success: { status: 200, description: 'A page of introductions', schema: pageOf(introductionView) },
    async handle({ actor, query, services }) {
      const page = await services.introductions.listMine(actor, { status: query.status }, query);
      return { items: await Promise.all(page.items.map((intro) => toView(services, actor, intro))), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/introductions/{id}',
    operationId: 'getIntroduction',
    summary: 'One of your introductions; contacts appear once both sides accepted',
    tag: 'Introductions',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The introduction', schema: introductionView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toView(services, actor, await services.introductions.getVisible(actor, params.id));
    },
  }),
  answerRoute('accept', 'Accept an introduction the other side started; contacts are exchanged'),
  answerRoute('decline', 'Decline an introduction the other side started'),
  answerRoute('withdraw', 'Withdraw an introduction you started, before it is answered'),
];
