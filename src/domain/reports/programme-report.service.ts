import type { Connection, Model, PipelineStage, Types } from 'mongoose';
import type { Actor } from '../auth/api-token.service.js';
import { ForbiddenError } from '../app-error.js';
import { eventModel } from '../events/event.model.js';
import { slotModel } from '../events/fair.model.js';
import { rsvpModel } from '../events/rsvp.model.js';
import { expertModel } from '../experts/expert.model.js';
import { firmModel } from '../firms/firm.model.js';
import { introductionModel } from '../introductions/introduction.model.js';
import { requestModel } from '../requests/request.model.js';
import { hasRole } from '../users/roles.js';
import { reportPeriod, type ReportPeriod } from './report-period.js';

/** One line of a breakdown: a key (country, skill, kind…), an optional display name, and a count. */
export interface Tally {
  key: string;
  name?: string;
  count: number;
}

/** The programme's figures for one period (see reportPeriod for its boundaries). */
export interface ProgrammeReport {
  period: ReportPeriod;
  experts: { new: number; byCountry: Tally[]; bySkill: Tally[] };
  firms: { new: number; verified: number };
  requests: { published: number; byEngagementType: Tally[]; bySkill: Tally[] };
  introductions: { requested: number; accepted: number; acceptanceRate: number | null };
  events: { held: number; byKind: Tally[]; rsvps: number; attended: number; eventsWithAttendance: number; attendanceRate: number | null };
  fairMeetings: { booked: number; byFirm: Tally[] };
}

type Range = { $gte: Date; $lt: Date };
type SeatTally = { _id: Types.ObjectId; going: number; attended: number; marked: number };

/** Counts per value of `field` among matching documents, largest first (ties by key); `unwind` for arrays. */
async function tally<T>(model: Model<T>, match: Record<string, unknown>, field: string, unwind = false): Promise<Tally[]> {
  const pipeline: PipelineStage[] = [
    { $match: match },
    ...(unwind ? [{ $unwind: `$${field}` }] : []),
    { $group: { _id: `$${field}`, count: { $sum: 1 } } },
    { $sort: { count: -1, _id: 1 } },
  ];
  const rows = await model.aggregate<{ _id: unknown; count: number }>(pipeline);
  return rows.map((r) => ({ key: String(r._id), count: r.count }));
}

/** Sum of counts; one pass over a tally instead of another round trip. */
const total = (rows: readonly Tally[]) => rows.reduce((sum, r) => sum + r.count, 0);
/** A share rounded to 4 places, or null when there is nothing to divide by. */
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * The city IT programme's figures for organisers and admins. Every figure is an aggregation
 * pipeline of plain stages ($match on the period, $unwind, $group, $sort) so it runs the same
 * on the embedded server and on a real MongoDB.
 */
export class ProgrammeReportService {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The report for a year, or one month of it, in Asia/Ho_Chi_Minh. */
  async build(actor: Actor, year: number, month?: number): Promise<ProgrammeReport> {
    if (!hasRole(actor.roles, 'organiser')) throw new ForbiddenError('auth.forbidden', 'Only organisers and admins see reports.');
    return this.compute(year, month);
  }

  /** The figures without an access check: for the schedules, which act for the programme itself. */
  async compute(year: number, month?: number): Promise<ProgrammeReport> {
    const period = reportPeriod(year, month);
    const within: Range = { $gte: period.from, $lt: period.to };
    const [experts, firms, requests, introductions, events] = await Promise.all([
      this.experts(within),
      this.firms(within),
      this.requests(within),
      this.introductions(within),
      this.events(within),
    ]);
    return { period, experts, firms, requests, introductions, ...events };
  }

  private async experts(within: Range): Promise<ProgrammeReport['experts']> {
    const experts = expertModel(this.connection);
    const match = { createdAt: within };
    const [byCountry, bySkill] = await Promise.all([tally(experts, match, 'country'), tally(experts, match, 'skills', true)]);
    return { new: total(byCountry), byCountry, bySkill };
  }

  /** New = registered in the period; verified = verified by a moderator in the period. */
  private async firms(within: Range): Promise<ProgrammeReport['firms']> {
    const firms = firmModel(this.connection);
    const [created, verified] = await Promise.all([
      firms.countDocuments({ createdAt: within }),
      firms.countDocuments({ verified: true, verifiedAt: within }),
    ]);
    return { new: created, verified };
  }

  /** Requests by the day they were published; skills are the required ones (skillsMust). */
  private async requests(within: Range): Promise<ProgrammeReport['requests']> {
    const requests = requestModel(this.connection);
    const match = { publishedAt: within };
    const [byEngagementType, bySkill] = await Promise.all([
      tally(requests, match, 'engagementType'),
      tally(requests, match, 'skillsMust', true),
    ]);
    return { published: total(byEngagementType), byEngagementType, bySkill };
  }

  /** A cohort: introductions requested in the period, and how many of those were accepted (so far). */
  private async introductions(within: Range): Promise<ProgrammeReport['introductions']> {
    const [row] = await introductionModel(this.connection).aggregate<{ requested: number; accepted: number }>([
      { $match: { createdAt: within } },
      {
        $group: {
          _id: null,
          requested: { $sum: 1 },
          accepted: { $sum: { $cond: [{ $eq: ['$status', 'accepted'] }, 1, 0] } },
        },
      },
    ]);
    const requested = row?.requested ?? 0;
    const accepted = row?.accepted ?? 0;
    return { requested, accepted, acceptanceRate: rate(accepted, requested) };
  }

  /**
   * Events held = events starting in the period that have ended and were not cancelled (an
   * event still running or yet to come has not been held); their RSVPs holding a seat and how
   * many of those attended; meetings booked at those that are fairs. The attendance rate is
   * measured only at events whose organisers recorded attendance, so an event nobody marked
   * does not count as everyone absent; with no such event it is null.
   */
  private async events(within: Range): Promise<Pick<ProgrammeReport, 'events' | 'fairMeetings'>> {
    const match = { status: 'published' as const, startsAt: within, endsAt: { $lte: this.now() } };
    const byKind = await tally(eventModel(this.connection), match, 'kind');
    const held = await eventModel(this.connection).find(match, { _id: 1 }).lean();
    const eventIds: Types.ObjectId[] = held.map((e) => e._id);
    const seats = await this.seatsByEvent(eventIds);
    const measured = seats.filter((e) => e.marked > 0);
    const sum = (rows: readonly SeatTally[], key: keyof Omit<SeatTally, '_id'>) => rows.reduce((n, r) => n + r[key], 0);
    const byFirm = await tally(slotModel(this.connection), { eventId: { $in: eventIds }, bookedBy: { $ne: null } }, 'firmId');
    const names = await firmModel(this.connection)
      .find({ _id: { $in: byFirm.map((t) => t.key) } }, { name: 1 })
      .lean();
    const nameOf = new Map(names.map((f) => [String(f._id), f.name]));
    return {
      events: {
        held: total(byKind),
        byKind,
        rsvps: sum(seats, 'going'),
        attended: sum(seats, 'attended'),
        eventsWithAttendance: measured.length,
        attendanceRate: rate(sum(measured, 'attended'), sum(measured, 'going')),
      },
      fairMeetings: { booked: total(byFirm), byFirm: byFirm.map((t) => ({ ...t, name: nameOf.get(t.key) ?? '' })) },
    };
  }

  /** Per event: seats taken, how many of those attended, and how many were marked either way. */
  private async seatsByEvent(eventIds: Types.ObjectId[]): Promise<SeatTally[]> {
    return rsvpModel(this.connection).aggregate<SeatTally>([
      { $match: { eventId: { $in: eventIds }, status: 'going' } },
      {
        $group: {
          _id: '$eventId',
          going: { $sum: 1 },
          attended: { $sum: { $cond: [{ $eq: ['$attended', true] }, 1, 0] } },
          marked: { $sum: { $cond: [{ $in: ['$attended', [true, false]] }, 1, 0] } },
        },
      },
    ]);
  }
}
