import { randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { ConflictError } from '../app-error.js';
import { activeUsers } from './ban-state.js';
import { userModel } from './user.model.js';

/** A short-lived lock document: one holder at a time, taken over once it has expired. */
interface LockDoc {
  _id: string;
  holder: string;
  until: Date;
}

const lockSchema = new Schema<LockDoc>({ _id: String, holder: String, until: Date }, { versionKey: false });

function lockModel(connection: Connection): Model<LockDoc> {
  return (connection.models.DomainLock as Model<LockDoc> | undefined) ?? connection.model<LockDoc>('DomainLock', lockSchema, 'domain_locks');
}

const ADMINS_LOCK = 'admins';
// Long enough for a count and one update; a holder that crashed blocks others no longer than this.
const LOCK_TTL_MS = 10_000;
const WAIT_LIMIT_MS = 15_000;
const DUPLICATE_KEY = 11000;

/**
 * Keeps at least one admin. "Count the other admins, then demote" is two steps, so two admins
 * demoting each other at once could both see the other and leave none; every change that can
 * take the admin role away runs under one lock document instead (there are no transactions
 * on the embedded server). The lock expires by itself, so a crash never leaves it stuck.
 */
export class AdminGuard {
  constructor(private readonly connection: Connection) {}

  /**
   * Runs `change` (which removes the admin role from `userId`, or bars them) unless it would
   * leave no active admin: then ConflictError('user.last_admin').
   */
  async removeAdmin<T>(userId: Types.ObjectId, change: () => Promise<T>): Promise<T> {
    return this.withLock(async () => {
      const others = await userModel(this.connection).countDocuments({ ...activeUsers(new Date()), roles: 'admin', _id: { $ne: userId } });
      if (others === 0) throw new ConflictError('user.last_admin', 'The last admin cannot be removed; make someone else an admin first.');
      return change();
    });
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    const holder = randomBytes(8).toString('hex');
    const locks = lockModel(this.connection);
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
      if (await this.tryTake(locks, holder)) break;
      if (Date.now() > deadline) throw new ConflictError('user.roles_busy', 'Roles are being changed by someone else; try again.');
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    try {
      return await work();
    } finally {
      await locks.deleteOne({ _id: ADMINS_LOCK, holder });
    }
  }

  /** Takes the lock if it is free or expired; false while someone else holds it. */
  private async tryTake(locks: Model<LockDoc>, holder: string): Promise<boolean> {
    const now = new Date();
    try {
      await locks.findOneAndUpdate(
        { _id: ADMINS_LOCK, until: { $lte: now } },
        { $set: { holder, until: new Date(now.getTime() + LOCK_TTL_MS) } },
        { upsert: true },
      );
      return true;
    } catch (error) {
      // The lock exists and has not expired: the upsert's insert hits the _id.
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }
}
