import { createProductInput, productListQuery, updateProductInput } from '../../domain/catalog/catalog.schemas.js';
import { answer, defineRoute } from '../route-spec.js';
import { productView, toProductView, toProductViews } from './catalog-views.js';
import { idParams, pageOf } from './shared-schemas.js';

export const catalogProductRoutes = [
  defineRoute({
    method: 'post',
    path: '/catalog/products',
    operationId: 'createCatalogProduct',
    summary: 'Add an open-source or domestic product of a firm (its members, organisers)',
    tag: 'Catalogue',
    access: 'user',
    body: createProductInput,
    example: { vendorFirmId: '665f1c2e8b3e4a0012345678', name: 'Sổ Cái Mở', kind: 'open_source', licence: 'MIT', repositoryUrl: 'https://github.com/example/so-cai', websiteUrl: 'https://socai.vn', categories: ['Kế toán'], description: { vi: 'Kế toán' } },
    success: { status: 201, description: 'The product', schema: productView },
    errors: [404, 422],
    async handle({ actor, body, services }) {
      return answer(201, await toProductView(services, await services.catalog.products.create(actor, body)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/catalog/products',
    operationId: 'listCatalogProducts',
    summary: 'The software catalogue by kind, categories (any, accents optional), vendor or free text',
    tag: 'Catalogue',
    access: 'public',
    query: productListQuery,
    success: { status: 200, description: 'A page of products, newest first', schema: pageOf(productView) },
    async handle({ query, services }) {
      const page = await services.catalog.products.list(query);
      return { items: await toProductViews(services, page.items), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/catalog/products/{id}',
    operationId: 'getCatalogProduct',
    summary: 'One product',
    tag: 'Catalogue',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'The product', schema: productView },
    errors: [404],
    async handle({ params, services }) {
      return toProductView(services, await services.catalog.products.get(params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/catalog/products/{id}',
    operationId: 'updateCatalogProduct',
    summary: 'Change a product (the vendor’s members, organisers); null removes a URL',
    tag: 'Catalogue',
    access: 'user',
    params: idParams,
    body: updateProductInput,
    example: { kind: 'domestic', licence: 'Thuê bao năm', websiteUrl: null, categories: ['erp'] },
    success: { status: 200, description: 'The product', schema: productView },
    errors: [404, 422],
    async handle({ actor, params, body, services }) {
      return toProductView(services, await services.catalog.products.update(actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/catalog/products/{id}',
    operationId: 'deleteCatalogProduct',
    summary: 'Remove a product from the catalogue (the vendor’s members, organisers)',
    tag: 'Catalogue',
    access: 'user',
    params: idParams,
    success: { status: 204, description: 'Removed' },
    errors: [404],
    async handle({ actor, params, services }) {
      await services.catalog.products.remove(actor, params.id);
      return answer(204, undefined);
    },
  }),
];

