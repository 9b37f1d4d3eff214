/** Platform-wide roles a user can hold. Firm roles (owner, staff) live on the firm. */
export const ROLES = ['member', 'expert', 'organiser', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may be granted only by an admin. */
export const PRIVILEGED_ROLES: readonly Role[] = ['organiser', 'moderator', 'admin'];

/** True when the holder of `roles` counts as having `wanted`; admins also count as organisers and moderators. */
export function hasRole(roles: readonly Role[], wanted: Role): boolean {
  if (roles.includes(wanted)) return true;
  return (wanted === 'organiser' || wanted === 'moderator') && roles.includes('admin');
}
