import type { Locale, MessageKey } from '../../i18n/messages.js';
import { translate } from '../../i18n/translate.js';
import { csvDocument } from '../shared/csv.js';
import type { ProgrammeReport, Tally } from './programme-report.service.js';

const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 1000) / 10}%`);

/**
 * The report as ONE long table an official can open in Excel and filter: period, metric,
 * breakdown, value. UTF-8 with a byte-order mark (without it Excel reads Vietnamese as
 * Windows-1252), CRLF line ends as RFC 4180 says, labels in the caller's language.
 */
export function renderProgrammeReportCsv(report: ProgrammeReport, locale: Locale): string {
  const t = (key: MessageKey) => translate(locale, key);
  const all = t('report.breakdown_total');
  const rows: (string | number)[][] = [
    [t('report.column_period'), t('report.column_metric'), t('report.column_breakdown'), t('report.column_value')],
  ];
  const row = (metric: MessageKey, breakdown: string, value: string | number) => rows.push([report.period.label, t(metric), breakdown, value]);
  const each = (metric: MessageKey, tallies: readonly Tally[]) => {
    for (const item of tallies) row(metric, item.name || item.key, item.count);
  };
  const { experts, firms, requests, introductions, events, fairMeetings } = report;
  row('report.time_zone', '', report.period.timezone);
  row('report.experts_new', all, experts.new);
  each('report.experts_by_country', experts.byCountry);
  each('report.experts_by_skill', experts.bySkill);
  row('report.firms_new', all, firms.new);
  row('report.firms_verified', all, firms.verified);
  row('report.requests_published', all, requests.published);
  each('report.requests_by_engagement', requests.byEngagementType);
  each('report.requests_by_skill', requests.bySkill);
  row('report.introductions_requested', all, introductions.requested);
  row('report.introductions_accepted', all, introductions.accepted);
  row('report.introductions_acceptance_rate', all, percent(introductions.acceptanceRate));
  row('report.events_held', all, events.held);
  each('report.events_by_kind', events.byKind);
  row('report.rsvps_going', all, events.rsvps);
  row('report.rsvps_attended', all, events.attended);
  row('report.events_with_attendance', all, events.eventsWithAttendance);
  row('report.attendance_rate', all, percent(events.attendanceRate));
  row('report.fair_meetings_booked', all, fairMeetings.booked);
  each('report.fair_meetings_by_firm', fairMeetings.byFirm);
  return csvDocument(rows);
}
