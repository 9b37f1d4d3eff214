import { createProjectInput, projectListQuery, updateProjectInput } from '../../domain/catalog/catalog.schemas.js';
import { answer, defineRoute } from '../route-spec.js';
import { projectView, toProjectView, toProjectViews } from './catalog-views.js';
import { idParams, pageOf } from './shared-schemas.js';

const transitionRoute = (action: 'publish' | 'close', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/catalog/projects/{id}/${action}`,
    operationId: `${action}CatalogProject`,
    summary,
    tag: 'Catalogue',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The project in its new status', schema: projectView },
    errors: [404, 409, 422],
    async handle({ actor, params, services }) {
      return toProjectView(services, await services.catalog.projects.transition(actor, params.id, action));
    },
  });

export const catalogProjectRoutes = [
  defineRoute({
    method: 'post',
    path: '/catalog/projects',
    operationId: 'createCatalogProject',
    summary: 'Draft a project calling for investment, for your firm (its members) or for the programme (organisers)',
    tag: 'Catalogue',
    access: 'user',
    body: createProjectInput,
    example: { title: { vi: 'Nền tảng thanh toán', en: 'Payments platform' }, summary: { vi: 'Thanh toán không tiền mặt' }, sector: 'Tài chính', amountUsd: { min: 200_000, max: 500_000 }, stage: 'prototype', city: 'Đà Nẵng' },
    success: { status: 201, description: 'The draft', schema: projectView },
    errors: [404],
    async handle({ actor, body, services }) {
      return answer(201, await toProjectView(services, await services.catalog.projects.create(actor, body)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/catalog/projects',
    operationId: 'listCatalogProjects',
    summary: 'Published projects by sector, stage, city, amount range (overlap) or free text; owners also see drafts and closed ones',
    tag: 'Catalogue',
    access: 'public',
    query: projectListQuery,
    success: { status: 200, description: 'A page of projects, newest first', schema: pageOf(projectView) },
    async handle({ actor, query, services }) {
      const page = await services.catalog.projects.list(actor, query);
      return { items: await toProjectViews(services, page.items), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/catalog/projects/{id}',
    operationId: 'getCatalogProject',
    summary: 'One project; drafts only for their owner',
    tag: 'Catalogue',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'The project', schema: projectView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toProjectView(services, await services.catalog.projects.get(actor, params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/catalog/projects/{id}',
    operationId: 'updateCatalogProject',
    summary: 'Change a draft or published project (its owner)',
    tag: 'Catalogue',
    access: 'user',
    params: idParams,
    body: updateProjectInput,
    example: { amountUsd: { min: 100_000, max: 300_000 }, stage: 'growth', summary: { en: 'Payments' } },
    success: { status: 200, description: 'The project', schema: projectView },
    errors: [404, 409],
    async handle({ actor, params, body, services }) {
      return toProjectView(services, await services.catalog.projects.update(actor, params.id, body));
    },
  }),
  transitionRoute('publish', 'Publish a draft project (its owner; a firm must be verified)'),
  transitionRoute('close', 'Close a published project: no new interest is taken'),
];
