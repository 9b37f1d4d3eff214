import type { Connection, Types } from 'mongoose';
import { eventModel } from '../events/event.model.js';
import { expertModel } from '../experts/expert.model.js';
import { forumThreadModel } from '../forum/forum-thread.model.js';
import type { MatchingService } from '../matching/matching.service.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { subscriptionModel } from '../subscriptions/subscription.model.js';
import { userModel, type DigestDay, type User } from '../users/user.model.js';
import { digestModel } from './digest.model.js';
import { activeUsers } from '../users/ban-state.js';

/** Digests go out from this local hour on the person's chosen day. */
export const DIGEST_LOCAL_HOUR = 9;
const WEEK_MS = 7 * 86_400_000;
const ITEMS = 5;
const DUPLICATE_KEY = 11000;
const WEEKDAYS: readonly DigestDay[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The local weekday, hour and date of a moment in a zone. */
export function localMoment(at: Date, zone: string): { day: DigestDay; hour: number; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = (parts.weekday ?? 'Sun').toLowerCase().slice(0, 3) as DigestDay;
  return { day, hour: Number(parts.hour), date: `${parts.year}-${parts.month}-${parts.day}` };
}

/**
 * The weekly digest: on each person's chosen day from 09:00 their time, one notice listing new
 * requests that match their expert profile, upcoming events and active threads they follow.
 * Run it often (every 15 minutes covers half-hour zones); a person gets one per local date.
 */
export class WeeklyDigests {
  constructor(
    private readonly connection: Connection,
    private readonly matching: MatchingService,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes the digests now due; returns how many were sent and how many had nothing to say. */
  async sendDue(): Promise<{ sent: number; empty: number }> {
    const now = this.now();
    // Somewhere on Earth it is one of at most three weekdays right now.
    const days = [...new Set([-14, 0, 14].map((h) => WEEKDAYS[new Date(now.getTime() + h * 3_600_000).getUTCDay()] as DigestDay))];
    const users = await userModel(this.connection)
      .find({ 'notifications.digestDay': { $in: days }, ...activeUsers(now) })
      .lean();
    const outcome = { sent: 0, empty: 0 };
    for (const user of users) {
      const local = localMoment(now, user.timezone);
      if (local.day !== user.notifications.digestDay || local.hour < DIGEST_LOCAL_HOUR) continue;
      const result = await this.write(user, local.date, now);
      if (result) outcome[result] += 1;
    }
    return outcome;
  }

  private async write(user: User, localDate: string, now: Date): Promise<'sent' | 'empty' | null> {
    const digests = digestModel(this.connection);
    if (await digests.exists({ userId: user._id, localDate })) return null;
    const [requestIds, eventIds, threadIds] = await Promise.all([this.newMatches(user, now), this.upcomingEvents(now), this.followedThreads(user, now)]);
    const empty = requestIds.length + eventIds.length + threadIds.length === 0;
    const data = { requestIds: requestIds.map(String), eventIds: eventIds.map(String), threadIds: threadIds.map(String) };
    try {
      // The record and its notice in one insert: a second run hits the unique key and sends nothing.
      const doc = await digests.create({ userId: user._id, localDate, requestIds, eventIds, threadIds, outbox: empty ? [] : [outboxEntry('digest.weekly', data, now)] });
      if (!empty) await this.outbox.drain('digest', doc._id);
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return null;
      throw error;
    }
    return empty ? 'empty' : 'sent';
  }

  private async newMatches(user: User, now: Date): Promise<Types.ObjectId[]> {
    if (!(await expertModel(this.connection).exists({ userId: user._id }))) return [];
    const matches = await this.matching.requestsForExpert({ userId: user._id, roles: user.roles, locale: user.locale }, 50, user.locale);
    const since = now.getTime() - WEEK_MS;
    return matches
      .filter((m) => (m.item.publishedAt?.getTime() ?? 0) >= since)
      .slice(0, ITEMS)
      .map((m) => m.item._id);
  }

  private async upcomingEvents(now: Date): Promise<Types.ObjectId[]> {
    const until = new Date(now.getTime() + 2 * WEEK_MS);
    const events = await eventModel(this.connection).find({ status: 'published', startsAt: { $gte: now, $lte: until } }, { _id: 1 }).sort({ startsAt: 1 }).limit(ITEMS).lean();
    return events.map((e) => e._id);
  }

  private async followedThreads(user: User, now: Date): Promise<Types.ObjectId[]> {
    const followed = await subscriptionModel(this.connection).find({ userId: user._id, kind: 'thread' }, { value: 1 }).lean();
    if (followed.length === 0) return [];
    const threads = await forumThreadModel(this.connection)
      .find({ _id: { $in: followed.map((s) => s.value) }, hidden: false, deletedAt: { $exists: false }, lastActivityAt: { $gte: new Date(now.getTime() - WEEK_MS) } }, { _id: 1 })
      .sort({ lastActivityAt: -1 })
      .limit(ITEMS)
      .lean();
    return threads.map((t) => t._id);
  }
}
