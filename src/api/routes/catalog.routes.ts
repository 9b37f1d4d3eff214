import { catalogInterestRoutes } from './catalog-interests.routes.js';
import { catalogProductRoutes } from './catalog-products.routes.js';
import { catalogProjectRoutes } from './catalog-projects.routes.js';

/** Every route of the catalogue (investment projects, their interests, software products), in OpenAPI order. */
export const allCatalogRoutes = [...catalogProjectRoutes, ...catalogInterestRoutes, ...catalogProductRoutes];
