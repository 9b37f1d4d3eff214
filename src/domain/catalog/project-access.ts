import type { Types } from 'mongoose';
import type { Actor } from '../auth/api-token.service.js';
import { firmRoleOf, type FirmsService } from '../firms/firms.service.js';
import { hasRole } from '../users/roles.js';
import type { ProjectOwner } from './project.model.js';

/**
 * Who speaks for a project: the owning firm's members, or organisers for a programme
 * project. Admins are left out on purpose: answering interest hands out the answerer's
 * contacts, so an admin answering for a firm would share the wrong person's.
 */
export async function speaksForOwner(firms: FirmsService, actor: Actor | null, owner: ProjectOwner): Promise<boolean> {
  if (!actor) return false;
  if (owner.kind === 'programme') return hasRole(actor.roles, 'organiser');
  if (!owner.firmId) return false;
  const firm = await firms.get(owner.firmId).catch(() => null);
  return firm !== null && firmRoleOf(firm, actor.userId) !== undefined;
}

/** Who may edit a project: those who speak for its owner, and admins. */
export async function mayEditProject(firms: FirmsService, actor: Actor | null, owner: ProjectOwner): Promise<boolean> {
  if (actor && hasRole(actor.roles, 'admin')) return true;
  return speaksForOwner(firms, actor, owner);
}

/** The owners whose unpublished projects the actor may list: their firms, and the programme for organisers. */
export async function editableOwnerFilter(firms: FirmsService, actor: Actor | null): Promise<Record<string, unknown> | null> {
  if (!actor) return null;
  if (hasRole(actor.roles, 'admin')) return {};
  const firmIds: Types.ObjectId[] = (await firms.listMine(actor.userId)).map((f) => f._id);
  const scopes: Record<string, unknown>[] = [{ 'owner.firmId': { $in: firmIds } }];
  if (hasRole(actor.roles, 'organiser')) scopes.push({ 'owner.kind': 'programme' });
  return { $or: scopes };
}
