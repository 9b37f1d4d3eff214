import { z } from 'zod';
import { csvList } from '../experts/expert.schemas.js';
import { PRODUCT_KINDS } from './product.model.js';
import { PROJECT_STAGES, PROJECT_STATUSES } from './project.model.js';
import { requiredBilingualText } from '../shared/bilingual-text.js';
import { personText } from '../shared/person-text.js';
import { validationKey } from '../../i18n/validation-messages.js';


/** Largest amount accepted, USD: far above any city project, small enough to stay an exact integer. */
const MAX_USD = 1_000_000_000_000;
const usd = z.number().int().min(0).max(MAX_USD);
const amountRange = z.strictObject({ min: usd, max: usd }).refine((a) => a.min <= a.max, {
  message: validationKey('validation.range_min_max'),
  path: ['max'],
});
const objectIdString = z.string().regex(/^[0-9a-f]{24}$/i, validationKey('validation.object_id'));
const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(300);

const projectFields = z.strictObject({
  title: requiredBilingualText(200),
  summary: requiredBilingualText(4000),
  sector: z.string().trim().min(2).max(60),
  amountUsd: amountRange,
  stage: z.enum(PROJECT_STAGES),
  city: z.string().trim().min(1).max(80),
});

/** A new project, saved as a draft. With `ownerFirmId` the firm owns it; without, the programme (organisers only). */
export const createProjectInput = projectFields.extend({ ownerFirmId: objectIdString.optional() });
export type CreateProjectInput = z.infer<typeof createProjectInput>;

/** A change to a draft or published project; the owner cannot change. */
export const updateProjectInput = projectFields.partial();
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;

const amountQuery = z.coerce.number().int().min(0).max(MAX_USD);

/** Filters of the project listing; amountMin/amountMax select projects whose range overlaps. */
export const projectListQuery = z
  .strictObject({
    sector: z.string().trim().min(1).max(60).optional(),
    stage: z.enum(PROJECT_STAGES).optional(),
    city: z.string().trim().min(1).max(80).optional(),
    amountMin: amountQuery.optional(),
    amountMax: amountQuery.optional(),
    ownerFirmId: objectIdString.optional(),
    status: z.enum(PROJECT_STATUSES).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => q.amountMin === undefined || q.amountMax === undefined || q.amountMin <= q.amountMax, {
    message: validationKey('validation.amount_min_max'),
    path: ['amountMax'],
  });
export type ProjectListQuery = z.infer<typeof projectListQuery>;

const categoryList = z
  .array(z.string().trim().toLowerCase().min(1).max(40))
  .max(10)
  .transform((tags) => [...new Set(tags)]);

const productFields = z.strictObject({
  name: personText({ min: 2, max: 120 }),
  kind: z.enum(PRODUCT_KINDS),
  licence: z.string().trim().min(1).max(200),
  repositoryUrl: httpsUrl,
  websiteUrl: httpsUrl,
  categories: categoryList,
  description: requiredBilingualText(4000),
});

/** A new product of a vendor firm. The licence and URL rules that depend on `kind` are checked by the service. */
export const createProductInput = productFields
  .partial({ repositoryUrl: true, websiteUrl: true })
  .extend({ vendorFirmId: objectIdString, categories: categoryList.default([]) });
export type CreateProductInput = z.infer<typeof createProductInput>;

/** A change to a product; `null` removes an optional URL. */
export const updateProductInput = productFields
  .extend({ repositoryUrl: httpsUrl.nullable(), websiteUrl: httpsUrl.nullable() })
  .partial();
export type UpdateProductInput = z.infer<typeof updateProductInput>;

/** Filters of the product listing. */
export const productListQuery = z.strictObject({
  kind: z.enum(PRODUCT_KINDS).optional(),
  categories: csvList.optional(),
  vendorFirmId: objectIdString.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ProductListQuery = z.infer<typeof productListQuery>;
