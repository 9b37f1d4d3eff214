import type { Connection, Types } from 'mongoose';
import { broadcastModel } from '../broadcasts/broadcast.model.js';
import { segmentUserIds } from '../broadcasts/segment-audience.js';
import { digestModel } from './digest.model.js';
import { eventModel } from '../events/event.model.js';
import { userModel } from '../users/user.model.js';
import { forumThreadModel } from '../forum/forum-thread.model.js';
import { subscriptionModel, type SubscriptionKind } from '../subscriptions/subscription.model.js';
import { rsvpModel } from '../events/rsvp.model.js';
import { firmModel } from '../firms/firm.model.js';
import { introductionModel } from '../introductions/introduction.model.js';
import type { MatchingService } from '../matching/matching.service.js';
import type { Notice, NoticeType } from '../notices/notice.model.js';

/** Who a notice is for, and whether it may interrupt quiet hours. */
export interface Audience {
  userIds: Types.ObjectId[];
  urgent: boolean;
  /** Not before this moment (a broadcast scheduled for later); quiet hours apply after it. */
  notBefore?: Date;
  /** Also post it in every group and server channel that asked for announcements. */
  spaces?: boolean;
}

export type AudienceResolver = (notice: Notice) => Promise<Audience>;

/** Experts scoring at least this much for a new request hear about it. */
export const MATCH_NOTICE_THRESHOLD = 50;
const MAX_MATCHED_EXPERTS = 500;

const nobody: Audience = { userIds: [], urgent: false };

/** Builds the resolver of each notice type: who should be told what happened. */
export function audienceResolvers(
  connection: Connection,
  matching: MatchingService,
): Partial<Record<NoticeType, AudienceResolver>> {
  const firmMembers = async (firmId: Types.ObjectId) =>
    ((await firmModel(connection).findById(firmId, { members: 1 }).lean())?.members ?? []).map((m) => m.userId);

  const introductionParties = (tellInitiator: boolean): AudienceResolver => async (notice) => {
    const intro = await introductionModel(connection).findById(notice.subject.id).lean();
    if (!intro) return nobody;
    const expertSide = [intro.expertUserId];
    const firmSide = await firmMembers(intro.firmId);
    const initiatorSide = intro.initiator === 'expert' ? expertSide : firmSide;
    const otherSide = intro.initiator === 'expert' ? firmSide : expertSide;
    return { userIds: tellInitiator ? initiatorSide : otherSide, urgent: false };
  };

  /** Everyone who follows one of `values` of a kind (a category, tags, a thread). */
  const followers = async (kind: SubscriptionKind, values: readonly string[]) => {
    if (values.length === 0) return [];
    const rows = await subscriptionModel(connection).find({ kind, value: { $in: [...values] } }, { userId: 1 }).lean();
    return rows.map((r) => r.userId);
  };

  const attendees: AudienceResolver = async (notice) => {
    // Withdrawn RSVPs are kept for the organisers' list; those people are not told.
    const rsvps = await rsvpModel(connection).find({ eventId: notice.subject.id, status: { $ne: 'cancelled' } }, { userId: 1 }).lean();
    // A changed or cancelled event is news people need before they travel: not held for quiet hours.
    return { userIds: rsvps.map((r) => r.userId), urgent: true };
  };

  return {
    'request.published': async (notice) => {
      const matches = await matching.expertsForNewRequest(notice.subject.id, MAX_MATCHED_EXPERTS);
      return { userIds: matches.filter((m) => m.score >= MATCH_NOTICE_THRESHOLD).map((m) => m.userId), urgent: false };
    },
    'introduction.requested': introductionParties(false),
    'introduction.accepted': introductionParties(true),
    'introduction.declined': introductionParties(true),
    'introduction.expired': introductionParties(true),
    'event.rescheduled': attendees,
    'event.cancelled': attendees,
    'event.reminder': async (notice) => {
      const going = await rsvpModel(connection).find({ eventId: notice.subject.id, status: 'going' }, { userId: 1 }).lean();
      // A reminder an hour before is useless after the quiet hours: it goes out at once.
      return { userIds: going.map((r) => r.userId), urgent: true };
    },
    'forum.thread_created': async (notice) => {
      const data = notice.data as { categoryId?: string; tags?: string[]; authorId?: string };
      const userIds = [...(await followers('category', data.categoryId ? [data.categoryId] : [])), ...(await followers('tag', data.tags ?? []))];
      return { userIds: userIds.filter((id) => String(id) !== data.authorId), urgent: false };
    },
    'forum.reply_created': async (notice) => {
      const data = notice.data as { threadId?: string; authorId?: string };
      const thread = await forumThreadModel(connection).findById(notice.subject.id, { hidden: 1, deletedAt: 1 }).lean();
      // A hidden or deleted thread's replies are nobody's news.
      if (!thread || thread.hidden || thread.deletedAt) return nobody;
      const userIds = await followers('thread', [String(notice.subject.id)]);
      return { userIds: userIds.filter((id) => String(id) !== data.authorId), urgent: false };
    },
    'event.edition_drafted': async (notice) => {
      const event = await eventModel(connection).findById(notice.subject.id, { organisers: 1, createdBy: 1 }).lean();
      return { userIds: event ? [event.createdBy, ...event.organisers] : [], urgent: false };
    },
    'report.monthly': async () => {
      const organisers = await userModel(connection).find({ roles: { $in: ['organiser', 'admin'] } }, { _id: 1 }).lean();
      return { userIds: organisers.map((u) => u._id), urgent: false };
    },
    'digest.weekly': async (notice) => {
      const digest = await digestModel(connection).findById(notice.subject.id, { userId: 1 }).lean();
      return { userIds: digest ? [digest.userId] : [], urgent: false };
    },
    'broadcast.sent': async (notice) => {
      const broadcast = await broadcastModel(connection).findById(notice.subject.id, { segment: 1, status: 1, sendAt: 1 }).lean();
      if (!broadcast || broadcast.status === 'cancelled') return nobody;
      const everyone = broadcast.segment.audience === 'everyone' && broadcast.segment.countries.length === 0 && broadcast.segment.skills.length === 0;
      return { userIds: await segmentUserIds(connection, broadcast.segment), urgent: false, notBefore: broadcast.sendAt, spaces: everyone };
    },
    'event.published': async (notice) => {
      const event = await eventModel(connection).findById(notice.subject.id, { kind: 1 }).lean();
      if (!event) return nobody;
      return { userIds: await followers('event_kind', [event.kind]), urgent: false, spaces: true };
    },
    'event.rsvp_promoted': async (notice) => {
      const rsvp = await rsvpModel(connection).findById(notice.subject.id, { userId: 1 }).lean();
      return { userIds: rsvp ? [rsvp.userId] : [], urgent: true };
    },
  };
}
