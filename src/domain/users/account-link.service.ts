import { randomInt } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../app-error.js';
import { identityModel } from './identity.model.js';
import { linkCodeModel } from './link-code.model.js';
import { CHANNELS, type User } from './user.model.js';
import type { UserMerger } from './user-merge.js';

// No 0/O, 1/I/L: codes are read off one screen and typed into another.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
export const LINK_CODE_TTL_MS = 10 * 60_000;

/** Joins a person's Telegram, Discord and API identities into one user with short codes. */
export class AccountLinkService {
  constructor(
    private readonly connection: Connection,
    private readonly merger: UserMerger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get codes() {
    return linkCodeModel(this.connection);
  }

  /** Creates a fresh code for the user; it works once, within ten minutes. */
  async createCode(userId: Types.ObjectId): Promise<{ code: string; expiresAt: Date }> {
    const expiresAt = new Date(this.now().getTime() + LINK_CODE_TTL_MS);
    const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    await this.codes.create({ _id: code, userId, expiresAt });
    return { code, expiresAt };
  }

  /**
   * Redeems a code from another identity: the redeemer's user is merged into the code's
   * owner, who survives. Everything that refuses the link is checked before the code is
   * spent, so a refused code still works from the right account; spending it is one atomic
   * update, so a code works once.
   */
  async redeem(code: string, redeemerId: Types.ObjectId): Promise<User> {
    const normalised = code.trim().toUpperCase().replace(/[\s-]/g, '');
    const now = this.now();
    const live = { _id: normalised, usedAt: { $exists: false }, expiresAt: { $gt: now } };
    const found = await this.codes.findOne(live).lean();
    if (!found) throw invalidCode();
    if (found.userId.equals(redeemerId)) {
      throw new ConflictError('link.same_user', 'This code belongs to you already.');
    }
    await this.assertDifferentPlatforms(found.userId, redeemerId);
    // An account being merged away (another code redeemed a moment ago) cannot be merged again.
    if (await this.merger.record(redeemerId)) {
      throw new ConflictError('link.already_merged', 'This account was already joined to another one.');
    }
    const spent = await this.codes.findOneAndUpdate(live, { $set: { usedAt: now } }, { returnDocument: 'after' });
    if (!spent) throw invalidCode();
    return this.merger.merge(redeemerId, spent.userId);
  }

  /**
   * One user has at most one account per chat platform: two Telegram accounts in one user
   * would leave notices reaching only one of them, so such a link is refused.
   */
  private async assertDifferentPlatforms(owner: Types.ObjectId, redeemer: Types.ObjectId): Promise<void> {
    const identities = await identityModel(this.connection)
      .find({ userId: { $in: [owner, redeemer] }, provider: { $in: CHANNELS } }, { provider: 1, userId: 1 })
      .lean();
    const ownerPlatforms = new Set(identities.filter((i) => i.userId.equals(owner)).map((i) => i.provider));
    const shared = identities.find((i) => i.userId.equals(redeemer) && ownerPlatforms.has(i.provider));
    if (shared) {
      throw new ConflictError('link.same_platform', 'Both accounts are on the same platform; link accounts of different platforms.', {
        platform: shared.provider,
        platformName: shared.provider === 'telegram' ? 'Telegram' : 'Discord',
      });
    }
  }
}

function invalidCode(): NotFoundError {
  return new NotFoundError('link.code_invalid', 'This code is unknown, used or expired.');
}
