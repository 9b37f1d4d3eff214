import { randomUUID } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { MERGE_STEPS, type MergeStepName } from '../account-merge-plan.js';
import { ConflictError, NotFoundError } from '../app-error.js';
import type { AuditLog } from '../moderation/audit-log.service.js';
import { localActorChanges, type ActorChanges } from '../auth/actor-changes.js';
import { isBanned } from './ban-state.js';
import { moveReferences } from './merge-references.js';
import { userMergeModel, type UserMergeRecord } from './user-merge.model.js';
import { presentContact, userModel, type User } from './user.model.js';

/** A concept's part of a merge: move or combine what `from` owns onto `into`. Must be idempotent. */
export type MergeStep = (from: Types.ObjectId, into: Types.ObjectId) => Promise<void>;

/** How long one run holds a merge before another may take it over (a crashed process never releases it). */
export const MERGE_LEASE_MS = 60_000;

export interface MergeRunOptions {
  /** Stops the merge between two steps (shutdown); the record stays `running` and is resumed later. */
  signal?: AbortSignal;
  /** Told after each finished step (progress logging; tests use it to interrupt a merge at a known point). */
  onStepDone?: (step: MergeStepName) => void;
}

/**
 * Joins two users into one as a recorded, resumable sequence of steps (`user_merges`).
 * The survivor (`into`) keeps its own settings; anything it lacks is filled from the other;
 * roles are united; a ban on either side stays a ban. The merged user is kept as a
 * tombstone pointing at the survivor.
 */
export class UserMerger {
  private readonly steps = new Map<MergeStepName, MergeStep>();

  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
    private readonly audit?: AuditLog,
    private readonly actorChanges: ActorChanges = localActorChanges(),
  ) {
    // These two steps change what tokens act as: `references` moves the old account's tokens
    // to the survivor; `profile` joins roles and bans and makes the old account a tombstone.
    this.addStep('references', async (from, into) => {
      await moveReferences(connection, from, into);
      await this.usersChanged(from, into);
    });
    this.addStep('profile', async (from, into) => {
      await this.mergeProfile(from, into);
      await this.usersChanged(from, into);
    });
  }

  private async usersChanged(...ids: Types.ObjectId[]): Promise<void> {
    for (const id of ids) await this.actorChanges.userChanged(id);
  }

  private get records() {
    return userMergeModel(this.connection);
  }

  /** Lets a concept (experts, firms, RSVPs…) take part in every merge, under its name in the plan. */
  addStep(name: MergeStepName, step: MergeStep): void {
    this.steps.set(name, step);
  }

  /** The steps that have an implementation (every name of MERGE_STEPS, once the services are built). */
  stepNames(): MergeStepName[] {
    return [...this.steps.keys()];
  }

  /** Merges `from` into `into` and returns the survivor; joins a run of the same merge that was interrupted. */
  async merge(from: Types.ObjectId, into: Types.ObjectId, options: MergeRunOptions = {}): Promise<User> {
    const users = userModel(this.connection);
    const [source, target] = await Promise.all([users.exists({ _id: from }), users.exists({ _id: into })]);
    if (!source || !target) throw new NotFoundError('user.not_found', 'No such user.');
    const record = await this.begin(from, into);
    return this.run(record, options);
  }

  /** Finishes every merge left half-way (a crash, a shutdown) whose run no longer holds it. Returns how many. */
  async resumeUnfinished(options: MergeRunOptions = {}): Promise<number> {
    const stuck = await this.records
      .find({ status: 'running', $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: this.now() } }] })
      .lean();
    let resumed = 0;
    for (const record of stuck) {
      try {
        await this.run(record, options);
        resumed += 1;
      } catch (error) {
        // Another process took it over between our read and our claim: it finishes it.
        if (!(error instanceof ConflictError && error.code === 'link.merge_in_progress')) throw error;
      }
    }
    return resumed;
  }

  /** The recorded state of the merge that took `from` away, if any. */
  async record(from: Types.ObjectId): Promise<UserMergeRecord | null> {
    return this.records.findById(from).lean();
  }

  private async begin(from: Types.ObjectId, into: Types.ObjectId): Promise<UserMergeRecord> {
    try {
      return (await this.records.create({ _id: from, into, status: 'running', done: [], startedAt: this.now() })).toObject();
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      const existing = await this.records.findById(from).lean();
      if (!existing?.into.equals(into)) throw new ConflictError('link.already_merged', 'This account was already joined to another one.');
      return existing;
    }
  }

  private async run(record: UserMergeRecord, options: MergeRunOptions): Promise<User> {
    if (record.status === 'done') return this.survivor(record.into);
    const missing = MERGE_STEPS.filter((name) => !this.steps.has(name));
    if (missing.length > 0) throw new Error(`account merge: no implementation for steps ${missing.join(', ')}`);
    const runner = randomUUID();
    const claimed = await this.claim(record._id, runner);
    if (!claimed) {
      // Another run holds it, or finished it since `record` was read.
      if ((await this.records.findById(record._id, { status: 1 }).lean())?.status === 'done') return this.survivor(record.into);
      throw new ConflictError('link.merge_in_progress', 'These accounts are being joined right now; try again in a minute.');
    }
    try {
      await this.runSteps(claimed, runner, options);
    } finally {
      // An interrupted run lets go at once, so a resume need not wait for the lease to end.
      await this.records.updateOne({ _id: record._id, leaseBy: runner }, { $unset: { leaseBy: 1, leaseUntil: 1 } });
    }
    return this.survivor(record.into);
  }

  /** The steps not done yet, each recorded as it finishes (renewing the lease), then the audit entry and `done`. */
  private async runSteps(merge: UserMergeRecord, runner: string, options: MergeRunOptions): Promise<void> {
    const mine = { _id: merge._id, leaseBy: runner };
    for (const name of MERGE_STEPS) {
      if (merge.done.includes(name)) continue;
      options.signal?.throwIfAborted();
      await this.steps.get(name)?.(merge._id, merge.into);
      await this.records.updateOne(mine, { $addToSet: { done: name }, $set: { leaseUntil: this.leaseEnd() } });
      options.onStepDone?.(name);
    }
    // Written before the merge is marked done: a crash in between repeats the entry rather than lose it.
    await this.audit?.record({ userId: merge.into }, 'user.merged', { type: 'user', id: merge.into }, { mergedUserId: String(merge._id) });
    await this.records.updateOne(mine, { $set: { status: 'done', finishedAt: this.now() }, $unset: { leaseBy: 1, leaseUntil: 1 } });
  }

  /** Takes the merge for this run (null when another run holds it); of two runs racing, exactly one matches. */
  private async claim(id: Types.ObjectId, runner: string): Promise<UserMergeRecord | null> {
    return this.records
      .findOneAndUpdate(
        { _id: id, status: 'running', $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: this.now() } }] },
        { $set: { leaseBy: runner, leaseUntil: this.leaseEnd() } },
        { returnDocument: 'after' },
      )
      .lean();
  }

  private leaseEnd(): Date {
    return new Date(this.now().getTime() + MERGE_LEASE_MS);
  }

  private async survivor(id: Types.ObjectId): Promise<User> {
    const user = await userModel(this.connection).findById(id).lean();
    if (!user) throw new NotFoundError('user.not_found', 'No such user.');
    return user;
  }

  /** The last step: contact, roles and ban joined on the survivor, then the tombstone. */
  private async mergeProfile(from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
    const users = userModel(this.connection);
    const [source, target] = await Promise.all([users.findById(from).lean(), users.findById(into).lean()]);
    if (!source || !target) throw new NotFoundError('user.not_found', 'No such user.');
    await users.updateOne(
      { _id: into },
      {
        $set: { contact: { ...presentContact(source.contact), ...presentContact(target.contact) }, ...mergedBan(source, target, this.now()) },
        $addToSet: { roles: { $each: source.roles } },
      },
    );
    await users.updateOne({ _id: from }, { $set: { mergedInto: into } });
  }
}

/** The stricter of two users' bans: one that holds beats none, a lasting one beats a timed one, a later end beats an earlier. */
function mergedBan(a: User, b: User, now: Date): Pick<User, 'status' | 'ban'> {
  const holding = [a, b].filter((u) => isBanned(u, now));
  if (holding.length === 0) return { status: 'active' };
  const end = (u: User) => u.ban?.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const strictest = holding.reduce((x, y) => (end(y) > end(x) ? y : x));
  return { status: 'banned', ...(strictest.ban ? { ban: strictest.ban } : {}) };
}
