import { z } from 'zod';
import type { ApiToken } from '../../domain/auth/api-token.model.js';
import { presentContact, type User } from '../../domain/users/user.model.js';
import { ROLES } from '../../domain/users/roles.js';
import { updateMeSchema } from '../../domain/users/user.schemas.js';
import { assertScopeHeld } from '../../domain/auth/access.js';
import { answer, defineRoute } from '../route-spec.js';
import { idParams } from './shared-schemas.js';
import { isBanned } from '../../domain/users/ban-state.js';
import { personText } from '../../domain/shared/person-text.js';

const meView = z.object({
  id: z.string(),
  displayName: z.string(),
  locale: z.enum(['vi', 'en']),
  timezone: z.string(),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(['active', 'banned']),
  contact: z.record(z.string(), z.string()),
  notifications: z.object({
    channels: z.array(z.enum(['telegram', 'discord'])),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    digestDay: z.string(),
  }),
  identities: z.array(z.object({ provider: z.string(), handle: z.string().optional() })),
});

function toMeView(user: User, identities: { provider: string; handle?: string | undefined }[]): z.infer<typeof meView> {
  return {
    id: String(user._id),
    displayName: user.displayName,
    locale: user.locale,
    timezone: user.timezone,
    roles: user.roles,
    status: isBanned(user, new Date()) ? 'banned' : 'active',
    contact: presentContact(user.contact) as Record<string, string>,
    notifications: user.notifications,
    identities: identities.map((i) => ({ provider: i.provider, ...(i.handle ? { handle: i.handle } : {}) })),
  };
}

const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  preview: z.string(),
  scope: z.array(z.enum(ROLES)).nullable().describe('The roles this token is narrowed to; null = all of your current roles'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

function toTokenView(token: Omit<ApiToken, 'tokenHash'>): z.infer<typeof tokenView> {
  return {
    id: String(token._id),
    name: token.name,
    preview: token.preview,
    scope: token.scope && token.scope.length > 0 ? token.scope : null,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

export const userRoutes = [
  defineRoute({
    method: 'get',
    path: '/me',
    operationId: 'getMe',
    summary: 'Your profile, roles, settings and linked platform accounts',
    tag: 'Me',
    access: 'user',
    success: { status: 200, description: 'Your profile', schema: meView },
    async handle({ actor, services }) {
      const [user, identities] = await Promise.all([
        services.users.get(actor.userId),
        services.users.identitiesOf(actor.userId),
      ]);
      return toMeView(user, identities);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/me',
    operationId: 'updateMe',
    summary: 'Change your name, language, time zone, contact details or notification settings',
    tag: 'Me',
    access: 'user',
    body: updateMeSchema,
    example: { displayName: 'Chị Lan', timezone: 'Asia/Ho_Chi_Minh', contact: { email: 'lan@songhan.vn', phone: '+84 905 000 111' }, notifications: { channels: ['telegram'], quietHours: { start: '22:00', end: '07:00' }, digestDay: 'mon' } },
    success: { status: 200, description: 'Your updated profile', schema: meView },
    async handle({ actor, body, services }) {
      const user = await services.users.updateMe(actor.userId, body);
      return toMeView(user, await services.users.identitiesOf(actor.userId));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/tokens',
    operationId: 'listMyTokens',
    summary: 'Your API tokens (never the secret part)',
    tag: 'Me',
    access: 'user',
    success: { status: 200, description: 'Your tokens, newest first', schema: z.object({ items: z.array(tokenView) }) },
    async handle({ actor, services }) {
      return { items: (await services.tokens.list(actor.userId)).map(toTokenView) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/me/tokens',
    operationId: 'createMyToken',
    summary: 'Create a personal API token; it is shown once',
    tag: 'Me',
    access: 'user',
    errors: [422],
    body: z.strictObject({
      name: personText({ max: 80 }),
      scope: z
        .array(z.enum(ROLES))
        .max(ROLES.length)
        .optional()
        .describe('Narrow the token to some of your roles; without it the token acts with all your roles as they are at each request'),
    }),
    example: { name: 'Laptop script' },
    success: {
      status: 201,
      description: 'The new token; store it now, it cannot be shown again',
      schema: z.object({ token: z.string(), details: tokenView }),
    },
    async handle({ actor, body, services }) {
      // A narrowed token makes tokens inside its own scope, never wider ones.
      const scope = body.scope ?? actor.scope;
      if (scope && actor.scope) assertScopeHeld(actor.roles, scope);
      const issued = await services.tokens.issue(actor.userId, { name: body.name, scope });
      return answer(201, { token: issued.token, details: toTokenView(issued.record) });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/me/tokens/{id}',
    operationId: 'revokeMyToken',
    summary: 'Revoke one of your tokens; it stops working at once',
    tag: 'Me',
    access: 'user',
    params: idParams,
    success: { status: 204, description: 'Revoked' },
    errors: [404],
    async handle({ actor, params, services }) {
      await services.tokens.revoke(actor.userId, params.id);
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/me/link-codes',
    operationId: 'createLinkCode',
    summary: 'Get a single-use code (10 minutes) to join another platform account to you',
    tag: 'Me',
    access: 'user',
    success: {
      status: 201,
      description: 'Send this code from the other account (e.g. /link CODE in the bot)',
      schema: z.object({ code: z.string(), expiresAt: z.string() }),
    },
    async handle({ actor, services }) {
      const { code, expiresAt } = await services.links.createCode(actor.userId);
      return answer(201, { code, expiresAt: expiresAt.toISOString() });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/me/link',
    operationId: 'redeemLinkCode',
    summary: 'Redeem a code made on another account: both become one user, the code’s owner surviving with its language and settings (409 for your own code or two accounts of one chat platform; the code stays valid)',
    tag: 'Me',
    access: 'user',
    body: z.strictObject({ code: z.string().trim().min(4).max(16) }),
    example: { code: 'ABCD2345' },
    success: { status: 200, description: 'The joined profile', schema: meView },
    errors: [404, 409],
    async handle({ actor, body, services }) {
      const user = await services.links.redeem(body.code, actor.userId);
      return toMeView(user, await services.users.identitiesOf(user._id));
    },
  }),
];
