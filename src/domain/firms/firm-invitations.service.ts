import type { Connection, Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import { userModel } from '../users/user.model.js';
import { firmModel, type Firm, type FirmInvitation, type FirmRole } from './firm.model.js';
import { assertFirmRole, firmRoleOf, type FirmsService } from './firms.service.js';

/** An invitation with the firm it is to, as the invitee sees it. */
export interface InvitationToFirm extends FirmInvitation {
  firmId: Types.ObjectId;
  firmName: string;
}

function invitationNotFound(): NotFoundError {
  return new NotFoundError('firm.invitation_not_found', 'There is no such invitation.');
}

/**
 * Firm membership by consent: an owner invites, the person accepts (or declines). Nobody
 * becomes a member, let alone an owner, of a firm they did not agree to join.
 */
export class FirmInvitationsService {
  constructor(
    private readonly connection: Connection,
    private readonly firms: FirmsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get model() {
    return firmModel(this.connection);
  }

  /** An owner invites a person as owner or staff; inviting again changes the offered role. */
  async invite(actor: Actor, firmId: Types.ObjectId, userId: Types.ObjectId, role: FirmRole): Promise<InvitationToFirm> {
    const firm = await this.firms.get(firmId);
    assertFirmRole(firm, actor, ['owner']);
    if (!(await userModel(this.connection).exists({ _id: userId, mergedInto: { $exists: false } }))) {
      throw new NotFoundError('user.not_found', 'No such user.', { id: String(userId) });
    }
    if (firmRoleOf(firm, userId)) throw new ConflictError('firm.already_member', 'This person is already a member of the firm.');
    const invitation: FirmInvitation = { userId, role, invitedBy: actor.userId, invitedAt: this.now() };
    await this.model.updateOne({ _id: firmId }, { $pull: { invitations: { userId } } });
    // Conditional on not being a member, so an acceptance racing a re-invite cannot leave both.
    const updated = await this.model.updateOne({ _id: firmId, 'members.userId': { $ne: userId } }, { $push: { invitations: invitation } });
    if (updated.modifiedCount === 0) throw new ConflictError('firm.already_member', 'This person is already a member of the firm.');
    return { ...invitation, firmId, firmName: firm.name };
  }

  /** The firm's open invitations (owners). */
  async listForFirm(actor: Actor, firmId: Types.ObjectId): Promise<InvitationToFirm[]> {
    const firm = await this.firms.get(firmId);
    assertFirmRole(firm, actor, ['owner']);
    return (firm.invitations ?? []).map((i) => ({ ...i, firmId, firmName: firm.name }));
  }

  /** Invitations waiting for the actor's answer, oldest first. */
  async listMine(actor: Actor): Promise<InvitationToFirm[]> {
    const firms = await this.model.find({ 'invitations.userId': actor.userId }, { name: 1, invitations: 1 }).limit(200).lean();
    return firms
      .flatMap((f) => f.invitations.filter((i) => i.userId.equals(actor.userId)).map((i) => ({ ...i, firmId: f._id, firmName: f.name })))
      .sort((a, b) => a.invitedAt.getTime() - b.invitedAt.getTime());
  }

  /** The invitee accepts: they become a member with the offered role, in one conditional update. */
  async accept(actor: Actor, firmId: Types.ObjectId): Promise<Firm> {
    const firm = await this.firms.get(firmId);
    const invitation = firm.invitations?.find((i) => i.userId.equals(actor.userId));
    if (!invitation) throw invitationNotFound();
    const joined = await this.model
      .findOneAndUpdate(
        { _id: firmId, invitations: { $elemMatch: { userId: actor.userId, role: invitation.role } }, 'members.userId': { $ne: actor.userId } },
        { $pull: { invitations: { userId: actor.userId } }, $push: { members: { userId: actor.userId, role: invitation.role, addedAt: this.now() } } },
        { returnDocument: 'after' },
      )
      .lean();
    // Withdrawn, changed or already answered meanwhile: the person reads the invitation again.
    if (!joined) throw invitationNotFound();
    return joined;
  }

  /** The invitee declines, or an owner withdraws the invitation. */
  async remove(actor: Actor, firmId: Types.ObjectId, userId: Types.ObjectId): Promise<void> {
    const firm = await this.firms.get(firmId);
    if (!actor.userId.equals(userId)) assertFirmRole(firm, actor, ['owner']);
    const result = await this.model.updateOne({ _id: firmId, 'invitations.userId': userId }, { $pull: { invitations: { userId } } });
    if (result.modifiedCount === 0) throw invitationNotFound();
  }
}
