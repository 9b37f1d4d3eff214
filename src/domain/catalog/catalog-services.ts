import type { Connection } from 'mongoose';
import type { FirmsService } from '../firms/firms.service.js';
import { productModel } from './product.model.js';
import { ProductsService } from './products.service.js';
import { projectInterestModel } from './project-interest.model.js';
import { ProjectInterestsService } from './project-interests.service.js';
import { projectModel } from './project.model.js';
import { ProjectsService } from './projects.service.js';

/** The services of the catalogue, as they appear on DomainServices.catalog. */
export interface CatalogServices {
  projects: ProjectsService;
  products: ProductsService;
  interests: ProjectInterestsService;
}

/** Registers the catalogue's models and builds its services. */
export function createCatalogServices(connection: Connection, firms: FirmsService, now: () => Date): CatalogServices {
  for (const register of [projectModel, productModel, projectInterestModel]) register(connection);
  return {
    projects: new ProjectsService(connection, firms, now),
    products: new ProductsService(connection, firms),
    interests: new ProjectInterestsService(connection, firms, now),
  };
}
