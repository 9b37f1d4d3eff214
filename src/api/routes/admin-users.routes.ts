import { z } from 'zod';
import { ROLES } from '../../domain/users/roles.js';
import { defineRoute } from '../route-spec.js';
import { idParams } from './shared-schemas.js';

import type { User } from '../../domain/users/user.model.js';
import { isBanned } from '../../domain/users/ban-state.js';

const userSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(['active', 'banned']),
  createdAt: z.string(),
});

function toSummary(u: User): z.infer<typeof userSummary> {
  return { id: String(u._id), displayName: u.displayName, roles: u.roles, status: isBanned(u, new Date()) ? 'banned' : 'active', createdAt: u.createdAt.toISOString() };
}

export const adminUserRoutes = [
  defineRoute({
    method: 'get',
    path: '/users',
    operationId: 'listUsers',
    summary: 'Find users by name or role (admins)',
    tag: 'Admin',
    access: ['admin'],
    query: z.strictObject({
      q: z.string().trim().min(1).max(80).optional(),
      role: z.enum(ROLES).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
    success: { status: 200, description: 'Matching users, newest first', schema: z.object({ items: z.array(userSummary) }) },
    async handle({ actor, query, services }) {
      return { items: (await services.users.search(actor, query)).map(toSummary) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/users/{id}/roles',
    operationId: 'setUserRoles',
    summary: 'Set a user’s roles, e.g. make someone an organiser or moderator (admins)',
    tag: 'Admin',
    access: ['admin'],
    params: idParams,
    body: z.strictObject({ roles: z.array(z.enum(ROLES)).max(ROLES.length) }),
    example: { roles: ['member', 'organiser'] },
    success: { status: 200, description: 'The user with the new roles', schema: userSummary },
    errors: [404, 409],
    async handle({ actor, params, body, services }) {
      return toSummary(await services.users.setRoles(actor, params.id, body.roles));
    },
  }),
];
