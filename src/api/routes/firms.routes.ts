import { z } from 'zod';
import type { Actor } from '../../domain/auth/api-token.service.js';
import { FIRM_ROLES, FIRM_SIZES, type Firm } from '../../domain/firms/firm.model.js';
import { changeMemberRoleInput, createFirmInput, firmListQuery, updateFirmInput } from '../../domain/firms/firm.schemas.js';
import { firmRoleOf } from '../../domain/firms/firms.service.js';
import { hasRole } from '../../domain/users/roles.js';
import { answer, defineRoute } from '../route-spec.js';
import { idParams, objectIdSchema, pageOf } from './shared-schemas.js';

export const firmView = z.object({
  id: z.string(),
  name: z.string(),
  sector: z.string(),
  size: z.enum(FIRM_SIZES),
  city: z.string(),
  country: z.string(),
  website: z.string().optional(),
  description: z.object({ vi: z.string().optional(), en: z.string().optional() }),
  verified: z.boolean(),
  /** Only members of the firm (and admins) see who works there. */
  members: z.array(z.object({ userId: z.string(), role: z.enum(FIRM_ROLES) })).optional(),
  createdAt: z.string(),
});

/** A firm as the caller may see it: members are listed only to members and admins. */
export function toFirmView(firm: Firm, actor: Actor | null): z.infer<typeof firmView> {
  const insider = actor !== null && (firmRoleOf(firm, actor.userId) !== undefined || hasRole(actor.roles, 'admin'));
  return {
    id: String(firm._id),
    name: firm.name,
    sector: firm.sector,
    size: firm.size,
    city: firm.city,
    country: firm.country,
    ...(firm.website ? { website: firm.website } : {}),
    description: {
      ...(firm.description?.vi ? { vi: firm.description.vi } : {}),
      ...(firm.description?.en ? { en: firm.description.en } : {}),
    },
    verified: firm.verified,
    ...(insider ? { members: firm.members.map((m) => ({ userId: String(m.userId), role: m.role })) } : {}),
    createdAt: firm.createdAt.toISOString(),
  };
}

export const firmRoutes = [
  defineRoute({
    method: 'post',
    path: '/firms',
    operationId: 'createFirm',
    summary: 'Register a firm; you become its owner. It can publish requests once a moderator verifies it',
    tag: 'Firms',
    access: 'user',
    body: createFirmInput,
    example: { name: 'Huế Data', sector: 'data', size: '1-10', city: 'Huế', website: 'https://hue.vn', description: { vi: 'Dữ liệu' } },
    success: { status: 201, description: 'The new firm', schema: firmView },
    async handle({ actor, body, services }) {
      return answer(201, toFirmView(await services.firms.create(actor, body), actor));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/firms',
    operationId: 'listFirms',
    summary: 'The firm directory, by city, sector, verification or free text',
    tag: 'Firms',
    access: 'public',
    query: firmListQuery,
    success: { status: 200, description: 'A page of firms', schema: pageOf(firmView) },
    async handle({ actor, query, services }) {
      const page = await services.firms.list(query);
      return { items: page.items.map((f) => toFirmView(f, actor)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/firms',
    operationId: 'listMyFirms',
    summary: 'Firms you belong to, with your role',
    tag: 'Firms',
    access: 'user',
    success: { status: 200, description: 'Your firms', schema: z.object({ items: z.array(firmView) }) },
    async handle({ actor, services }) {
      return { items: (await services.firms.listMine(actor.userId)).map((f) => toFirmView(f, actor)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/firms/{id}',
    operationId: 'getFirm',
    summary: 'One firm',
    tag: 'Firms',
    access: 'public',
    params: idParams,
    success: { status: 200, description: 'The firm', schema: firmView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toFirmView(await services.firms.get(params.id), actor);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/firms/{id}',
    operationId: 'updateFirm',
    summary: 'Change the firm profile (owners and staff)',
    tag: 'Firms',
    access: 'user',
    params: idParams,
    body: updateFirmInput,
    example: { city: 'Đà Nẵng', website: 'https://songhan.vn', description: { en: 'Software' } },
    success: { status: 200, description: 'The firm', schema: firmView },
    errors: [404],
    async handle({ actor, params, body, services }) {
      return toFirmView(await services.firms.update(actor, params.id, body), actor);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/firms/{id}/members/{userId}',
    operationId: 'changeFirmMemberRole',
    summary: 'Change a member’s role (owners); the last owner cannot step down. People join by invitation',
    tag: 'Firms',
    access: 'user',
    params: z.strictObject({ id: objectIdSchema, userId: objectIdSchema }),
    body: changeMemberRoleInput,
    example: { role: 'staff' },
    success: { status: 200, description: 'The firm with its members', schema: firmView },
    errors: [404, 409],
    async handle({ actor, params, body, services }) {
      return toFirmView(await services.firms.changeMemberRole(actor, params.id, params.userId, body.role), actor);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/firms/{id}/members/{userId}',
    operationId: 'removeFirmMember',
    summary: 'Remove a person (owners), or leave the firm yourself; the last owner cannot leave',
    tag: 'Firms',
    access: 'user',
    params: z.strictObject({ id: objectIdSchema, userId: objectIdSchema }),
    success: { status: 204, description: 'Removed' },
    errors: [404, 409],
    async handle({ actor, params, services }) {
      await services.firms.removeMember(actor, params.id, params.userId);
      return undefined;
    },
  }),
  defineRoute({
    method: 'put',
    path: '/firms/{id}/verification',
    operationId: 'setFirmVerification',
    summary: 'Verify a firm (or withdraw verification) after checking who they are',
    tag: 'Firms',
    access: ['moderator'],
    params: idParams,
    body: z.strictObject({ verified: z.boolean() }),
    example: { verified: true },
    success: { status: 200, description: 'The firm', schema: firmView },
    errors: [404],
    async handle({ actor, params, body, services }) {
      return toFirmView(await services.firms.setVerified(actor, params.id, body.verified), actor);
    },
  }),
];
