import { z } from 'zod';
import { INTEREST_STATUSES } from '../../domain/catalog/project-interest.model.js';
import { answer, defineRoute } from '../route-spec.js';
import { interestView, toInterestView, toInterestViews } from './catalog-views.js';
import { idParams, pageOf, pageQuery } from './shared-schemas.js';
import { personText } from '../../domain/shared/person-text.js';

const answerRoute = (action: 'accept' | 'decline' | 'withdraw', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/catalog/interests/{id}/${action}`,
    operationId: `${action}ProjectInterest`,
    summary,
    tag: 'Catalogue',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The interest in its new status', schema: interestView },
    errors: [404, 409],
    async handle({ actor, params, services }) {
      const interests = services.catalog.interests;
      const interest = action === 'withdraw' ? await interests.withdraw(actor, params.id) : await interests.respond(actor, params.id, action);
      return toInterestView(services, actor, interest);
    },
  });

export const catalogInterestRoutes = [
  defineRoute({
    method: 'post',
    path: '/catalog/projects/{id}/interest',
    operationId: 'expressProjectInterest',
    summary: 'Ask to be put in touch with a project’s owner; contacts are exchanged only if the owner accepts',
    tag: 'Catalogue',
    access: 'user',
    params: idParams,
    body: z.strictObject({ message: personText({ max: 1000, multiline: true }).optional() }),
    example: { message: 'Quỹ của chúng tôi quan tâm.' },
    success: { status: 201, description: 'The interest, waiting for the owner (14 days)', schema: interestView },
    errors: [404, 409, 422],
    async handle({ actor, params, body, services }) {
      const interest = await services.catalog.interests.express(actor, params.id, body.message);
      return answer(201, await toInterestView(services, actor, interest));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/catalog/interests',
    operationId: 'listMyProjectInterests',
    summary: 'Interests you expressed and interests in projects you own (newest first)',
    tag: 'Catalogue',
    access: 'user',
    query: pageQuery.extend({ status: z.enum(INTEREST_STATUSES).optional() }),
    success: { status: 200, description: 'A page of interests, with project titles and names', schema: pageOf(interestView) },
    async handle({ actor, query, services }) {
      const page = await services.catalog.interests.listMine(actor, query.status, query);
      return { items: await toInterestViews(services, actor, page.items), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/catalog/interests/{id}',
    operationId: 'getProjectInterest',
    summary: 'One of your interests; contacts appear once the owner accepted',
    tag: 'Catalogue',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The interest', schema: interestView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toInterestView(services, actor, await services.catalog.interests.getVisible(actor, params.id));
    },
  }),
  answerRoute('accept', 'Accept an interest in your project; both sides see each other’s contacts'),
  answerRoute('decline', 'Decline an interest in your project'),
  answerRoute('withdraw', 'Withdraw your interest before it is answered'),
];
