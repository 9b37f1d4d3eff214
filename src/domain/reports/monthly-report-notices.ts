import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from '../notices/notice.model.js';
import { outboxEntry, type Outbox } from '../notices/outbox.js';
import { outboxFlagPlugin } from '../notices/outbox-flag.js';
import { wallClock } from '../events/event-time.js';
import type { ProgrammeReportService } from './programme-report.service.js';
import { REPORT_TIME_ZONE } from './report-period.js';

/** The record that a month's report notice went out: one per period ("2026-10"). */
interface ReportNotice {
  _id: Types.ObjectId;
  period: string;
  outbox: OutboxEntry[];
}

const reportNoticeSchema = new Schema<ReportNotice>({ period: { type: String, required: true, unique: true } }, { timestamps: true });
reportNoticeSchema.plugin(outboxFlagPlugin);

export function reportNoticeModel(connection: Connection): Model<ReportNotice> {
  return (
    (connection.models.ReportNotice as Model<ReportNotice> | undefined) ??
    connection.model<ReportNotice>('ReportNotice', reportNoticeSchema, 'report_notices')
  );
}

/**
 * At the start of each month organisers get last month's headline figures, with the full
 * report a click away (JSON or CSV). Runs daily-safe: one notice per month.
 */
export class MonthlyReportNotices {
  constructor(
    private readonly connection: Connection,
    private readonly reports: ProgrammeReportService,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes the notice for the month before this one (Asia/Ho_Chi_Minh); false when it already went out. */
  async sendPreviousMonth(): Promise<{ period: string; sent: boolean }> {
    const now = this.now();
    const { year, month } = wallClock(REPORT_TIME_ZONE, now);
    const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
    const period = `${y}-${String(m).padStart(2, '0')}`;
    const records = reportNoticeModel(this.connection);
    if (await records.exists({ period })) return { period, sent: false };
    const report = await this.reports.compute(y, m);
    const figures = {
      newExperts: report.experts.new,
      newFirms: report.firms.new,
      requestsPublished: report.requests.published,
      introductionsRequested: report.introductions.requested,
      introductionsAccepted: report.introductions.accepted,
      eventsHeld: report.events.held,
      rsvps: report.events.rsvps,
      fairMeetingsBooked: report.fairMeetings.booked,
    };
    try {
      const doc = await records.create({ period, outbox: [outboxEntry('report.monthly', { period, year: y, month: m, figures }, now)] });
      await this.outbox.drain('report', doc._id);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return { period, sent: false };
      throw error;
    }
    return { period, sent: true };
  }
}
