import { Types } from 'mongoose';
import { z } from 'zod';
import { FIRM_ROLES } from '../../domain/firms/firm.model.js';
import { addMemberInput } from '../../domain/firms/firm.schemas.js';
import type { InvitationToFirm } from '../../domain/firms/firm-invitations.service.js';
import { answer, defineRoute } from '../route-spec.js';
import { firmView, toFirmView } from './firms.routes.js';
import { idParams, isoDate, objectIdSchema } from './shared-schemas.js';

const invitationView = z.object({
  firmId: z.string(),
  firmName: z.string(),
  userId: z.string(),
  role: z.enum(FIRM_ROLES),
  invitedBy: z.string(),
  invitedAt: isoDate,
});

function toInvitationView(i: InvitationToFirm): z.infer<typeof invitationView> {
  return { firmId: String(i.firmId), firmName: i.firmName, userId: String(i.userId), role: i.role, invitedBy: String(i.invitedBy), invitedAt: i.invitedAt.toISOString() };
}

const firmAndUser = z.strictObject({ id: objectIdSchema, userId: objectIdSchema });

/** Firm membership by consent: owners invite, the invited person accepts or declines. */
export const firmInvitationRoutes = [
  defineRoute({
    method: 'post',
    path: '/firms/{id}/invitations',
    operationId: 'inviteFirmMember',
    summary: 'Invite a person to join the firm as owner or staff; they become a member when they accept (owners)',
    tag: 'Firms',
    access: 'user',
    params: idParams,
    body: addMemberInput,
    example: { userId: '665f1c2e8b3e4a0012345678', role: 'staff' },
    success: { status: 201, description: 'The invitation', schema: invitationView },
    errors: [404, 409],
    async handle({ actor, params, body, services }) {
      return answer(201, toInvitationView(await services.firmInvitations.invite(actor, params.id, new Types.ObjectId(body.userId), body.role)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/firms/{id}/invitations',
    operationId: 'listFirmInvitations',
    summary: 'The firm’s invitations not yet answered (owners)',
    tag: 'Firms',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'Open invitations', schema: z.object({ items: z.array(invitationView) }) },
    errors: [404],
    async handle({ actor, params, services }) {
      return { items: (await services.firmInvitations.listForFirm(actor, params.id)).map(toInvitationView) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/firms/{id}/invitations/{userId}',
    operationId: 'withdrawFirmInvitation',
    summary: 'Withdraw an invitation (owners)',
    tag: 'Firms',
    access: 'user',
    params: firmAndUser,
    success: { status: 204, description: 'Withdrawn' },
    errors: [404],
    async handle({ actor, params, services }) {
      await services.firmInvitations.remove(actor, params.id, params.userId);
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/firm-invitations',
    operationId: 'listMyFirmInvitations',
    summary: 'Invitations to join firms waiting for your answer',
    tag: 'Firms',
    access: 'user',
    success: { status: 200, description: 'Your invitations, oldest first', schema: z.object({ items: z.array(invitationView) }) },
    async handle({ actor, services }) {
      return { items: (await services.firmInvitations.listMine(actor)).map(toInvitationView) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/me/firm-invitations/{id}/accept',
    operationId: 'acceptFirmInvitation',
    summary: 'Accept an invitation: you join the firm (id) with the offered role',
    tag: 'Firms',
    access: 'user',
    params: idParams,
    success: { status: 200, description: 'The firm you joined', schema: firmView },
    errors: [404],
    async handle({ actor, params, services }) {
      return toFirmView(await services.firmInvitations.accept(actor, params.id), actor);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/me/firm-invitations/{id}/decline',
    operationId: 'declineFirmInvitation',
    summary: 'Decline an invitation to the firm (id)',
    tag: 'Firms',
    access: 'user',
    params: idParams,
    success: { status: 204, description: 'Declined' },
    errors: [404],
    async handle({ actor, params, services }) {
      await services.firmInvitations.remove(actor, params.id, actor.userId);
      return undefined;
    },
  }),
];
