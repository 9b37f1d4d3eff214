import type { Locale, MessageKey } from '../../i18n/messages.js';
import { translate } from '../../i18n/translate.js';
import { csvDocument } from '../shared/csv.js';
import type { Attendee } from './attendees.service.js';

const COLUMNS: MessageKey[] = [
  'attendees.column_user_id',
  'attendees.column_name',
  'attendees.column_status',
  'attendees.column_position',
  'attendees.column_rsvp_at',
  'attendees.column_attended_at',
  'attendees.column_cancelled_at',
];

/**
 * The attendee list as a CSV file for Excel: the same rows as the JSON list, header and
 * status words in the caller's language, instants in ISO 8601 (UTC).
 */
export function renderAttendeesCsv(attendees: readonly Attendee[], locale: Locale): string {
  const t = (key: MessageKey) => translate(locale, key);
  const rows = attendees.map((a) => [
    String(a.userId),
    a.displayName,
    t(`attendees.status_${a.status}`),
    a.position ?? '',
    a.rsvpAt.toISOString(),
    a.attendedAt?.toISOString() ?? '',
    a.cancelledAt?.toISOString() ?? '',
  ]);
  return csvDocument([COLUMNS.map(t), ...rows]);
}
