import { z } from 'zod';
import type { Actor } from '../../domain/auth/api-token.service.js';
import { INTEREST_STATUSES, type ProjectInterest } from '../../domain/catalog/project-interest.model.js';
import type { InterestNames } from '../../domain/catalog/project-interests.service.js';
import { PRODUCT_KINDS, type SoftwareProduct } from '../../domain/catalog/product.model.js';
import { PROJECT_STAGES, PROJECT_STATUSES, type InvestmentProject } from '../../domain/catalog/project.model.js';
import type { DomainServices } from '../../domain/domain-services.js';

const bilingual = z.object({ vi: z.string().optional(), en: z.string().optional() });
const firmRef = z.object({ id: z.string(), name: z.string(), verified: z.boolean() });

function texts(t: { vi?: string; en?: string } | undefined) {
  return { ...(t?.vi ? { vi: t.vi } : {}), ...(t?.en ? { en: t.en } : {}) };
}

export const projectView = z.object({
  id: z.string(),
  title: bilingual,
  summary: bilingual,
  sector: z.string(),
  amountUsd: z.object({ min: z.number(), max: z.number() }),
  stage: z.enum(PROJECT_STAGES),
  city: z.string(),
  owner: z.object({ kind: z.enum(['firm', 'programme']), firm: firmRef.optional() }),
  status: z.enum(PROJECT_STATUSES),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
type ProjectView = z.infer<typeof projectView>;

/** Renders projects with the names of the firms that own them; never any contact. */
export async function toProjectViews(services: DomainServices, projects: InvestmentProject[]): Promise<ProjectView[]> {
  const firmIds = projects.flatMap((p) => (p.owner.firmId ? [p.owner.firmId] : []));
  const firms = await services.firms.namesOf(firmIds);
  return projects.map((p) => {
    const firm = p.owner.firmId ? firms.get(String(p.owner.firmId)) : undefined;
    return {
      id: String(p._id),
      title: texts(p.title),
      summary: texts(p.summary),
      sector: p.sector,
      amountUsd: { min: p.amountUsd.min, max: p.amountUsd.max },
      stage: p.stage,
      city: p.city,
      owner: { kind: p.owner.kind, ...(p.owner.firmId ? { firm: { id: String(p.owner.firmId), name: firm?.name ?? '', verified: firm?.verified ?? false } } : {}) },
      status: p.status,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
    };
  });
}

/** One project's view. */
export async function toProjectView(services: DomainServices, project: InvestmentProject): Promise<ProjectView> {
  return (await toProjectViews(services, [project]))[0] as ProjectView;
}

export const productView = z.object({
  id: z.string(),
  name: z.string(),
  vendor: firmRef,
  kind: z.enum(PRODUCT_KINDS),
  licence: z.string(),
  repositoryUrl: z.string().optional(),
  websiteUrl: z.string().optional(),
  categories: z.array(z.string()),
  description: bilingual,
  createdAt: z.string(),
  updatedAt: z.string(),
});
type ProductView = z.infer<typeof productView>;

/** Renders products with their vendor's name. */
export async function toProductViews(services: DomainServices, products: SoftwareProduct[]): Promise<ProductView[]> {
  const firms = await services.firms.namesOf(products.map((p) => p.vendorFirmId));
  return products.map((p) => {
    const firm = firms.get(String(p.vendorFirmId));
    return {
      id: String(p._id),
      name: p.name,
      vendor: { id: String(p.vendorFirmId), name: firm?.name ?? '', verified: firm?.verified ?? false },
      kind: p.kind,
      licence: p.licence,
      ...(p.repositoryUrl ? { repositoryUrl: p.repositoryUrl } : {}),
      ...(p.websiteUrl ? { websiteUrl: p.websiteUrl } : {}),
      categories: p.categories,
      description: texts(p.description),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}

/** One product's view. */
export async function toProductView(services: DomainServices, product: SoftwareProduct): Promise<ProductView> {
  return (await toProductViews(services, [product]))[0] as ProductView;
}

const contactFields = z.record(z.string(), z.string());

export const interestView = z.object({
  id: z.string(),
  projectId: z.string(),
  projectTitle: z.object({ vi: z.string().optional(), en: z.string().optional() }),
  requester: z.object({ userId: z.string(), displayName: z.string() }),
  owner: z.object({
    kind: z.enum(['firm', 'programme']),
    firmId: z.string().nullable(),
    name: z.string().nullable().meta({ description: 'The owner firm’s name; null for the programme’s own projects' }),
  }),
  yourSide: z.enum(['requester', 'owner', 'admin']),
  status: z.enum(INTEREST_STATUSES),
  message: z.string().optional(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Both sides' contacts: present only once the owner accepted. */
  contacts: z
    .object({
      requester: contactFields,
      owner: z.object({ kind: z.enum(['firm', 'programme']), name: z.string().optional(), website: z.string().optional(), person: contactFields }),
    })
    .nullable(),
});
type InterestView = z.infer<typeof interestView>;

/** Renders interests as the actor sees them, with names, contacts included once accepted. */
export async function toInterestViews(services: DomainServices, actor: Actor, interests: readonly ProjectInterest[]): Promise<InterestView[]> {
  const names = await services.catalog.interests.namesOf(interests);
  return Promise.all(interests.map((i) => renderInterest(services, actor, i, names)));
}

/** Renders one interest as the actor sees it, contacts included once accepted. */
export async function toInterestView(services: DomainServices, actor: Actor, interest: ProjectInterest): Promise<InterestView> {
  return renderInterest(services, actor, interest, await services.catalog.interests.namesOf([interest]));
}

async function renderInterest(services: DomainServices, actor: Actor, interest: ProjectInterest, names: InterestNames): Promise<InterestView> {
  const [side, contacts] = await Promise.all([
    services.catalog.interests.sideOf(actor, interest),
    services.catalog.interests.contacts(interest),
  ]);
  const title = names.projects.get(String(interest.projectId));
  const firmId = interest.owner.firmId ? String(interest.owner.firmId) : null;
  return {
    id: String(interest._id),
    projectId: String(interest.projectId),
    projectTitle: { ...(title?.vi ? { vi: title.vi } : {}), ...(title?.en ? { en: title.en } : {}) },
    requester: { userId: String(interest.requesterUserId), displayName: names.people.get(String(interest.requesterUserId)) ?? '' },
    owner: { kind: interest.owner.kind, firmId, name: firmId ? (names.firms.get(firmId) ?? '') : null },
    yourSide: side,
    status: interest.status,
    ...(interest.message ? { message: interest.message } : {}),
    expiresAt: interest.expiresAt.toISOString(),
    respondedAt: interest.respondedAt?.toISOString() ?? null,
    createdAt: interest.createdAt.toISOString(),
    contacts: contacts as InterestView['contacts'],
  };
}
