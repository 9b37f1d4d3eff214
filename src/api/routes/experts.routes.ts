import { z } from 'zod';
import type { ExpertListing } from '../../domain/experts/experts.service.js';
import { AVAILABILITY } from '../../domain/experts/expert.model.js';
import { expertListQuery, expertProfileInput, expertProfilePatch } from '../../domain/experts/expert.schemas.js';
import { ENGAGEMENT_TYPES } from '../../domain/shared/constants.js';
import { answer, defineRoute } from '../route-spec.js';
import { idParams, pageOf } from './shared-schemas.js';

const expertView = z.object({
  id: z.string(),
  displayName: z.string(),
  headline: z.string(),
  bio: z.object({ vi: z.string().optional(), en: z.string().optional() }),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  country: z.string(),
  city: z.string().optional(),
  timezone: z.string(),
  engagementTypes: z.array(z.enum(ENGAGEMENT_TYPES)),
  availability: z.enum(AVAILABILITY),
  hoursPerWeek: z.number().optional(),
  updatedAt: z.string(),
});
type ExpertView = z.infer<typeof expertView>;

/** The public face of a profile: never contacts, never internal ids of the user. */
export function toExpertView(p: ExpertListing): ExpertView {
  return {
    id: String(p._id),
    displayName: p.displayName,
    headline: p.headline,
    bio: { ...(p.bio?.vi ? { vi: p.bio.vi } : {}), ...(p.bio?.en ? { en: p.bio.en } : {}) },
    skills: p.skills,
    languages: p.languages,
    country: p.country,
    ...(p.city ? { city: p.city } : {}),
    timezone: p.timezone,
    engagementTypes: p.engagementTypes,
    availability: p.availability,
    ...(p.hoursPerWeek ? { hoursPerWeek: p.hoursPerWeek } : {}),
    updatedAt: p.updatedAt.toISOString(),
  };
}


export const expertRoutes = [
  defineRoute({
    method: 'put',
    path: '/experts/me',
    operationId: 'putMyExpertProfile',
    summary: 'Create or replace your expert profile (you become an expert)',
    tag: 'Experts',
    access: 'user',
    body: expertProfileInput,
    example: { headline: 'Kubernetes engineer', bio: { vi: 'Mười năm', en: 'Ten years' }, skills: ['k8s', 'Go'], languages: ['vi', 'en'], country: 'DE', city: 'Berlin', timezone: 'Europe/Berlin', engagementTypes: ['remote_consulting'], availability: 'available', hoursPerWeek: 10 },
    success: { status: 200, description: 'Your profile (201 when created)', schema: expertView },
    async handle({ actor, body, services }) {
      const { profile, created } = await services.experts.putOwn(actor.userId, body);
      const user = await services.users.get(actor.userId);
      return answer(created ? 201 : 200, toExpertView({ ...profile, displayName: user.displayName }));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/experts/me',
    operationId: 'patchMyExpertProfile',
    summary: 'Change some fields of your expert profile',
    tag: 'Experts',
    access: 'user',
    body: expertProfilePatch,
    example: { headline: 'Go engineer', skills: ['go'], hoursPerWeek: 12 },
    success: { status: 200, description: 'Your profile', schema: expertView },
    errors: [404],
    async handle({ actor, body, services }) {
      const profile = await services.experts.patchOwn(actor.userId, body);
      const user = await services.users.get(actor.userId);
      return toExpertView({ ...profile, displayName: user.displayName });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/experts/me',
    operationId: 'getMyExpertProfile',
    summary: 'Your expert profile',
    tag: 'Experts',
    access: 'user',
    success: { status: 200, description: 'Your profile', schema: expertView },
    errors: [404],
    async handle({ actor, services }) {
      const profile = await services.experts.getOwn(actor.userId);
      return toExpertView(await services.experts.get(profile._id));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/experts',
    operationId: 'listExperts',
    summary: 'Browse experts by skills (all must match), country, language, engagement type or free text',
    tag: 'Experts',
    access: 'public',
    query: expertListQuery,
    success: { status: 200, description: 'A page of experts; contacts are never listed', schema: pageOf(expertView) },
    sameForEveryone: () => true,
    async handle({ query, services }) {
      const page = await services.experts.list(query);
      return { items: page.items.map(toExpertView), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/experts/{id}',
    operationId: 'getExpert',
    summary: 'One expert profile',
    tag: 'Experts',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'The profile', schema: expertView },
    errors: [404],
    async handle({ params, services }) {
      return toExpertView(await services.experts.get(params.id));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/skills',
    operationId: 'suggestSkills',
    summary: 'Skill tags starting with what you typed (aliases included: "k8s" suggests kubernetes)',
    tag: 'Experts',
    access: 'public',
    query: z.strictObject({ q: z.string().trim().min(1).max(40) }),
    success: { status: 200, description: 'Up to 10 tags', schema: z.object({ items: z.array(z.string()) }) },
    async handle({ query, services }) {
      return { items: await services.experts.suggestSkills(query.q) };
    },
  }),
];
