import type { Connection, Types } from 'mongoose';
import type { Locale, MessageKey } from '../../i18n/messages.js';
import { translate } from '../../i18n/translate.js';
import { broadcastModel } from '../broadcasts/broadcast.model.js';
import { eventModel } from '../events/event.model.js';
import { forumThreadModel } from '../forum/forum-thread.model.js';
import { introductionModel } from '../introductions/introduction.model.js';
import type { Notice } from '../notices/notice.model.js';
import { requestModel } from '../requests/request.model.js';
import { formatLocalTime } from './local-time.js';

/** Who reads a notice: it is rendered in their language and, for times, their zone. */
export interface Reader {
  locale: Locale;
  timezone: string;
}

/** A notice as plain text parts; each platform adds its own formatting and escaping. */
export interface RenderedNotice {
  /** The headline, one line. */
  title: string;
  /** Further paragraphs (a broadcast's text). */
  body: string[];
  /** Where the details are (an API path), if anywhere. */
  path?: string;
}

type Texts = { vi?: string | undefined; en?: string | undefined };
/** The reader's language, else the other one. */
const pick = (texts: Texts | undefined, locale: Locale): string => (locale === 'vi' ? (texts?.vi ?? texts?.en) : (texts?.en ?? texts?.vi)) ?? '';

/**
 * Renders a notice at send time, for one reader: subjects are read now, so a renamed event
 * or a moved start time shows as it is when the message leaves, in the reader's zone.
 */
export async function renderNotice(connection: Connection, notice: Notice, reader: Reader): Promise<RenderedNotice> {
  const say = (key: MessageKey, params: Record<string, unknown> = {}) => translate(reader.locale, key, params);
  const id = notice.subject.id;
  const [family] = notice.type.split('.');
  if (family === 'request') {
    const request = await requestModel(connection).findById(id, { title: 1 }).lean();
    const key = notice.type === 'request.closed' && notice.data.reason === 'deadline' ? 'notice.request.closed_deadline' : (`notice.${notice.type}` as MessageKey);
    return { title: say(key, { title: pick(request?.title, reader.locale) }), body: [], path: `/requests/${String(id)}` };
  }
  if (family === 'introduction') {
    const intro = await introductionModel(connection).findById(id, { requestId: 1 }).lean();
    const request = intro ? await requestModel(connection).findById(intro.requestId, { title: 1 }).lean() : null;
    return { title: say(`notice.${notice.type}` as MessageKey, { title: pick(request?.title, reader.locale) }), body: [], path: `/introductions/${String(id)}` };
  }
  if (family === 'event') return renderEvent(connection, notice, reader, say);
  if (family === 'forum') {
    const thread = await forumThreadModel(connection).findById(id, { title: 1 }).lean();
    return { title: say(`notice.${notice.type}` as MessageKey, { title: thread?.title ?? '' }), body: [], path: `/forum/threads/${String(id)}` };
  }
  if (notice.type === 'broadcast.sent') {
    const broadcast = await broadcastModel(connection).findById(id, { text: 1, link: 1 }).lean();
    const link = broadcast?.link?.kind ? `/${broadcast.link.kind}s/${String(broadcast.link.id)}` : undefined;
    return { title: say('notice.broadcast.sent'), body: [pick(broadcast?.text, reader.locale)], ...(link ? { path: link } : {}) };
  }
  if (notice.type === 'digest.weekly') {
    const data = notice.data as { requestIds?: unknown[]; eventIds?: unknown[]; threadIds?: unknown[] };
    const count = (list: unknown[] | undefined) => list?.length ?? 0;
    return { title: say('notice.digest.weekly', { requests: count(data.requestIds), events: count(data.eventIds), threads: count(data.threadIds) }), body: [], path: '/me/matches' };
  }
  const data = notice.data as { period?: string; figures?: Record<string, number> };
  const f = data.figures ?? {};
  return {
    title: say('notice.report.monthly', {
      period: data.period ?? '',
      experts: f.newExperts ?? 0,
      firms: f.newFirms ?? 0,
      requests: f.requestsPublished ?? 0,
      accepted: f.introductionsAccepted ?? 0,
      introductions: f.introductionsRequested ?? 0,
      events: f.eventsHeld ?? 0,
    }),
    body: [],
    path: '/reports/programme',
  };
}

async function renderEvent(connection: Connection, notice: Notice, reader: Reader, say: (key: MessageKey, params?: Record<string, unknown>) => string): Promise<RenderedNotice> {
  // A promotion notice's subject is the RSVP; every other event notice's is the event.
  const eventId = notice.type === 'event.rsvp_promoted' ? (notice.data.eventId as string | undefined) : String(notice.subject.id);
  const event = eventId ? await eventModel(connection).findById(eventId as unknown as Types.ObjectId, { title: 1, startsAt: 1 }).lean() : null;
  const when = event ? formatLocalTime(event.startsAt, reader.timezone, reader.locale) : '';
  return { title: say(`notice.${notice.type}` as MessageKey, { title: pick(event?.title, reader.locale), when }), body: [], path: `/events/${eventId ?? ''}` };
}
