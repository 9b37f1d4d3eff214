import { randomInt } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../app-error.js';
import { linkCodeModel } from './link-code.model.js';
import type { User } from './user.model.js';
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
   * owner, who survives. Spending the code is one atomic update, so a code works once.
   */
  async redeem(code: string, redeemerId: Types.ObjectId): Promise<User> {
    const normalised = code.trim().toUpperCase().replace(/[\s-]/g, '');
    const now = this.now();
    const spent = await this.codes.findOneAndUpdate(
      { _id: normalised, usedAt: { $exists: false }, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
      { returnDocument: 'after' },
    );
    if (!spent) throw new NotFoundError('link.code_invalid', 'This code is unknown, used or expired.');
    if (spent.userId.equals(redeemerId)) {
      throw new ConflictError('link.same_user', 'This code belongs to you already.');
    }
    return this.merger.merge(redeemerId, spent.userId);
  }
}
