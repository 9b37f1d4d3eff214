import { z } from 'zod';
import { renderProgrammeReportCsv } from '../../domain/reports/programme-report-csv.js';
import type { ProgrammeReport, Tally } from '../../domain/reports/programme-report.service.js';
import { defineRoute, TextAnswer } from '../route-spec.js';

/** ?year=2026[&month=11]: a calendar year or month in the city's time zone. */
const periodQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12).optional(),
});

const tally = z.array(z.object({ key: z.string(), name: z.string().optional(), count: z.number() }));
const share = z.number().nullable().meta({ description: 'Between 0 and 1; null when there was nothing to divide by' });

const reportView = z.object({
  period: z.object({ year: z.number(), month: z.number().nullable(), label: z.string(), timezone: z.string(), from: z.string(), to: z.string() }),
  experts: z.object({ new: z.number(), byCountry: tally, bySkill: tally }),
  firms: z.object({ new: z.number(), verified: z.number() }),
  requests: z.object({ published: z.number(), byEngagementType: tally, bySkill: tally }),
  introductions: z.object({ requested: z.number(), accepted: z.number(), acceptanceRate: share }),
  events: z.object({
    held: z.number().meta({ description: 'Events that started in the period, have ended and were not cancelled' }),
    byKind: tally,
    rsvps: z.number().meta({ description: 'Seats taken at the events held' }),
    attended: z.number(),
    eventsWithAttendance: z.number().meta({ description: 'Events held whose organisers recorded attendance' }),
    attendanceRate: share.meta({ description: 'Attended ÷ seats at the events whose attendance was recorded; null when none was' }),
  }),
  fairMeetings: z.object({ booked: z.number(), byFirm: tally }),
});

const plain = (rows: Tally[]) => rows.map((r) => ({ key: r.key, ...(r.name !== undefined ? { name: r.name } : {}), count: r.count }));

function toReportView(report: ProgrammeReport): z.infer<typeof reportView> {
  const { period, experts, requests, events, fairMeetings } = report;
  return {
    ...report,
    period: { ...period, from: period.from.toISOString(), to: period.to.toISOString() },
    experts: { ...experts, byCountry: plain(experts.byCountry), bySkill: plain(experts.bySkill) },
    requests: { ...requests, byEngagementType: plain(requests.byEngagementType), bySkill: plain(requests.bySkill) },
    events: { ...events, byKind: plain(events.byKind) },
    fairMeetings: { ...fairMeetings, byFirm: plain(fairMeetings.byFirm) },
  };
}

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/reports/programme',
    operationId: 'getProgrammeReport',
    summary: 'The IT programme’s figures for a year or a month (Asia/Ho_Chi_Minh): experts, firms, requests, introductions, events, fair meetings',
    tag: 'Reports',
    access: ['organiser'],
    query: periodQuery,
    success: { status: 200, description: 'The report', schema: reportView },
    errors: [422],
    async handle({ actor, query, services }) {
      return toReportView(await services.reports.build(actor, query.year, query.month));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/programme.csv',
    operationId: 'getProgrammeReportCsv',
    summary: 'The same report as a CSV file for Excel: UTF-8 with BOM, one long table (period, metric, breakdown, value)',
    tag: 'Reports',
    access: ['organiser'],
    query: periodQuery,
    success: { status: 200, description: 'The report as CSV, labels in your language', contentType: 'text/csv; charset=utf-8' },
    errors: [422],
    async handle({ actor, query, locale, services }) {
      const report = await services.reports.build(actor, query.year, query.month);
      return new TextAnswer('text/csv; charset=utf-8', renderProgrammeReportCsv(report, locale), `programme-report-${report.period.label}.csv`);
    },
  }),
];
