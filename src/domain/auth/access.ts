import { Types } from 'mongoose';
import { ForbiddenError, ValidationError } from '../app-error.js';
import { hasRole, type Role } from '../users/roles.js';
import type { Actor } from './api-token.service.js';

/**
 * The actor for work nobody asked for in person (schedules, repair sweeps). It acts as an
 * admin; its id is fixed and belongs to no user, so the audit log can tell it apart.
 */
export const SYSTEM_ACTOR: Readonly<Actor> = Object.freeze({
  userId: new Types.ObjectId('000000000000000000000000'),
  roles: ['member', 'admin'] as Role[],
  locale: 'en' as const,
  system: true,
});

/** Throws ForbiddenError('auth.forbidden') unless the actor counts as holding one of the roles. */
export function requireRole(actor: Pick<Actor, 'roles'>, ...wanted: Role[]): void {
  if (wanted.some((role) => hasRole(actor.roles, role))) return;
  throw new ForbiddenError('auth.forbidden', 'Your roles do not allow this.', { needs: wanted });
}

/**
 * The roles a token acts with: the user's current roles, narrowed to the token's scope when
 * it has one. An admin scoped to 'organiser' acts as an organiser (hasRole), never as an admin.
 */
export function effectiveRoles(userRoles: readonly Role[], scope: readonly Role[] | undefined): Role[] {
  if (!scope || scope.length === 0) return [...userRoles];
  return [...new Set<Role>(['member', ...scope.filter((role) => hasRole(userRoles, role))])];
}

/** Checks a scope asked for at token creation: every role in it must be one the user holds now. */
export function assertScopeHeld(userRoles: readonly Role[], scope: readonly Role[]): void {
  const notHeld = scope.filter((role) => !hasRole(userRoles, role));
  if (notHeld.length > 0) {
    throw new ValidationError('token.scope_not_held', 'A token cannot be given roles you do not hold.', { roles: notHeld });
  }
}
