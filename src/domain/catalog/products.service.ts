import { Types, type Connection, type QueryFilter } from 'mongoose';
import { ForbiddenError, NotFoundError, ValidationError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { firmRoleOf, type FirmsService } from '../firms/firms.service.js';
import { foldForSearch } from '../shared/fold-text.js';
import { paginate, type Page } from '../shared/pagination.js';
import { searchPage, searchTextOf } from '../shared/text-search.js';
import { hasRole } from '../users/roles.js';
import type { CreateProductInput, ProductListQuery, UpdateProductInput } from './catalog.schemas.js';
import { productModel, type SoftwareProduct } from './product.model.js';
import { canonicalSpdx } from './spdx-licences.js';

type Described = Pick<SoftwareProduct, 'name' | 'kind' | 'licence' | 'categories' | 'description'> &
  Partial<Pick<SoftwareProduct, 'repositoryUrl' | 'websiteUrl'>>;

/**
 * The rules that tie fields together, checked on the product as it will be stored:
 * open source needs an SPDX licence and a repository; anything needs a repository or a website.
 * Returns the fields to store (licence canonicalised, categories folded, search text).
 */
function checked(p: Described): Pick<SoftwareProduct, 'licence' | 'categoryKeys' | 'searchText'> {
  let licence = p.licence;
  if (p.kind === 'open_source') {
    const spdx = canonicalSpdx(p.licence);
    if (!spdx) throw new ValidationError('product.licence_not_spdx', 'Open-source products need an SPDX licence id such as MIT or Apache-2.0.', { licence: p.licence });
    if (!p.repositoryUrl) throw new ValidationError('product.repository_required', 'Open-source products need a repository URL.');
    licence = spdx;
  }
  if (!p.repositoryUrl && !p.websiteUrl) {
    throw new ValidationError('product.link_required', 'Give a repository URL or a website.');
  }
  const categoryKeys = [...new Set(p.categories.map(foldForSearch))];
  const searchText = searchTextOf([p.name, p.categories, p.description.vi, p.description.en, licence]);
  return { licence, categoryKeys, searchText };
}

function notFound(id: Types.ObjectId): NotFoundError {
  return new NotFoundError('product.not_found', 'No such product.', { id: String(id) });
}

/** The software catalogue: products of local firms, kept by the vendor's members and organisers. */
export class ProductsService {
  constructor(
    private readonly connection: Connection,
    private readonly firms: FirmsService,
  ) {}

  private get products() {
    return productModel(this.connection);
  }

  /** Adds a product for a vendor firm; its members and organisers may. */
  async create(actor: Actor, input: CreateProductInput): Promise<SoftwareProduct> {
    const { vendorFirmId: rawFirmId, ...fields } = input;
    const vendorFirmId = new Types.ObjectId(rawFirmId);
    await this.assertMayCurate(actor, vendorFirmId);
    const doc = await this.products.create({ ...fields, ...checked(fields), vendorFirmId, createdBy: actor.userId });
    return doc.toObject();
  }

  /** One product; the catalogue is public. */
  async get(id: Types.ObjectId): Promise<SoftwareProduct> {
    const product = await this.products.findById(id).lean();
    if (!product) throw notFound(id);
    return product;
  }

  /** Changes a product; `null` URLs are removed. */
  async update(actor: Actor, id: Types.ObjectId, change: UpdateProductInput): Promise<SoftwareProduct> {
    const current = await this.get(id);
    await this.assertMayCurate(actor, current.vendorFirmId);
    const set: Record<string, unknown> = {};
    const unset: Record<string, 1> = {};
    for (const [key, value] of Object.entries(change)) {
      if (value === null) unset[key] = 1;
      else set[key] = value;
    }
    const next = { ...current, ...set } as Described;
    for (const key of Object.keys(unset)) delete (next as Record<string, unknown>)[key];
    const updated = await this.products
      .findByIdAndUpdate(id, { $set: { ...set, ...checked(next) }, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, {
        returnDocument: 'after',
        runValidators: true,
      })
      .lean();
    if (!updated) throw notFound(id);
    return updated;
  }

  /** Removes a product from the catalogue. */
  async remove(actor: Actor, id: Types.ObjectId): Promise<void> {
    const current = await this.get(id);
    await this.assertMayCurate(actor, current.vendorFirmId);
    await this.products.deleteOne({ _id: id });
  }

  /** The catalogue, newest first, by kind, categories (any, accents optional), vendor or free text. */
  async list(query: ProductListQuery): Promise<Page<SoftwareProduct>> {
    const filter: QueryFilter<SoftwareProduct> = {};
    if (query.kind) filter.kind = query.kind;
    if (query.categories?.length) filter.categoryKeys = { $in: query.categories.map(foldForSearch) };
    if (query.vendorFirmId) filter.vendorFirmId = new Types.ObjectId(query.vendorFirmId);
    if (query.q) return searchPage(this.products, filter, query.q, query);
    return paginate(this.products, filter, { sortField: 'createdAt', direction: -1, cursor: query.cursor, limit: query.limit });
  }

  private async assertMayCurate(actor: Actor, vendorFirmId: Types.ObjectId): Promise<void> {
    const firm = await this.firms.get(vendorFirmId);
    if (hasRole(actor.roles, 'organiser') || firmRoleOf(firm, actor.userId)) return;
    throw new ForbiddenError('product.not_vendor', 'Only the vendor firm’s members and organisers may do this.');
  }
}
