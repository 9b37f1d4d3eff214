/**
 * A hand-made programme dataset around November 2025 in Asia/Ho_Chi_Minh (UTC+7), written
 * straight into the collections so every date is controlled. Entries sit on both sides of
 * the local month and year boundaries; reports-programme.test.ts states the figures it expects.
 */
import { Types, type Connection } from 'mongoose';
import { eventModel } from '../../src/domain/events/event.model.js';
import { slotModel } from '../../src/domain/events/fair.model.js';
import { rsvpModel } from '../../src/domain/events/rsvp.model.js';
import { expertModel } from '../../src/domain/experts/expert.model.js';
import { firmModel } from '../../src/domain/firms/firm.model.js';
import { introductionModel } from '../../src/domain/introductions/introduction.model.js';
import { requestModel } from '../../src/domain/requests/request.model.js';

/** A firm name that needs RFC 4180 quoting: a comma and quotes. */
export const QUOTED_FIRM = 'Công ty "Sông Hàn", Đà Nẵng';
/** A firm name Excel would run as a formula without protection. */
export const FORMULA_FIRM = '+Hội An Soft';

const at = (iso: string) => new Date(iso);
const id = () => new Types.ObjectId();

/** Writes the dataset; returns nothing the tests need beyond the two firm names above. */
export async function seedReportDataset(connection: Connection): Promise<void> {
  const expert = (createdAt: string, country: string, skills: string[]) => ({ _id: id(), userId: id(), headline: 'x', country, skills, timezone: 'UTC', createdAt: at(createdAt) });
  await expertModel(connection).collection.insertMany([
    expert('2025-10-31T17:30:00Z', 'DE', ['kubernetes', 'go']), // 00:30 on 1 Nov in the city
    expert('2025-11-15T03:00:00Z', 'DE', ['go']),
    expert('2025-11-30T16:59:00Z', 'JP', ['react']), // 23:59 on 30 Nov
    expert('2025-11-30T17:00:00Z', 'US', ['go']), // 00:00 on 1 Dec
    expert('2025-10-31T16:59:00Z', 'US', ['python']), // 23:59 on 31 Oct
    expert('2024-12-31T16:00:00Z', 'FR', ['rust']), // 23:00 on 31 Dec 2024: not in 2025
    expert('2024-12-31T17:00:00Z', 'FR', ['go']), // 00:00 on 1 Jan 2025
  ]);
  const [f1, f2, f3, f4] = [id(), id(), id(), id()];
  const firm = (_id: Types.ObjectId, name: string, createdAt: string, verifiedAt?: string) => ({
    _id, name, sector: 'software', size: '1-10', city: 'Đà Nẵng', members: [], createdAt: at(createdAt),
    verified: Boolean(verifiedAt), ...(verifiedAt ? { verifiedAt: at(verifiedAt) } : {}),
  });
  await firmModel(connection).collection.insertMany([
    firm(f1, QUOTED_FIRM, '2025-11-05T02:00:00Z', '2025-11-06T02:00:00Z'),
    firm(f2, FORMULA_FIRM, '2025-11-10T02:00:00Z'),
    firm(f3, 'Huế Data', '2025-03-01T02:00:00Z', '2025-11-20T02:00:00Z'),
    firm(f4, 'Hà Nội Soft', '2024-06-01T02:00:00Z', '2025-02-01T02:00:00Z'),
  ]);
  const request = (engagementType: string, skillsMust: string[], publishedAt?: string) => ({
    _id: id(), firmId: f1, engagementType, skillsMust, status: publishedAt ? 'open' : 'draft', createdAt: at('2025-11-01T05:00:00Z'),
    ...(publishedAt ? { publishedAt: at(publishedAt) } : {}),
  });
  await requestModel(connection).collection.insertMany([
    request('remote_consulting', ['kubernetes', 'go'], '2025-11-03T02:00:00Z'),
    request('mentoring', ['go'], '2025-11-20T02:00:00Z'),
    request('short_visit', ['go']), // a draft: never counted
    request('investment', ['python'], '2025-08-01T02:00:00Z'),
  ]);
  const intro = (createdAt: string, status: string) => ({ _id: id(), requestId: id(), firmId: f1, expertId: id(), status, createdAt: at(createdAt) });
  await introductionModel(connection).collection.insertMany([
    intro('2025-11-02T02:00:00Z', 'accepted'),
    intro('2025-11-04T02:00:00Z', 'declined'),
    intro('2025-11-08T02:00:00Z', 'requested'),
    intro('2025-09-01T02:00:00Z', 'accepted'),
  ]);
  const [v1, v2, v3, v4, v5] = [id(), id(), id(), id(), id()];
  const event = (_id: Types.ObjectId, kind: string, startsAt: string, status = 'published') => ({ _id, kind, status, startsAt: at(startsAt), endsAt: at(startsAt), organisers: [] });
  await eventModel(connection).collection.insertMany([
    event(v1, 'seminar', '2025-11-10T02:00:00Z'),
    event(v2, 'fair', '2025-11-21T01:00:00Z'),
    event(v3, 'seminar', '2025-11-25T02:00:00Z', 'cancelled'),
    event(v4, 'meetup', '2025-10-31T18:00:00Z'), // 01:00 on 1 Nov in the city
    event(v5, 'conference', '2025-05-10T02:00:00Z'),
  ]);
  const rsvp = (eventId: Types.ObjectId, status: string, attended?: boolean) => ({ _id: id(), eventId, userId: id(), status, ...(attended !== undefined ? { attended } : {}) });
  await rsvpModel(connection).collection.insertMany([
    rsvp(v1, 'going', true), rsvp(v1, 'going', true), rsvp(v1, 'going', false), rsvp(v1, 'waitlisted'),
    rsvp(v2, 'going', true), rsvp(v2, 'going'),
    rsvp(v3, 'going', true), rsvp(v3, 'going'),
    rsvp(v5, 'going', true),
  ]);
  const slot = (firmId: Types.ObjectId, booked: boolean) => ({ _id: id(), eventId: v2, exhibitorId: id(), firmId, startsAt: at('2025-11-21T02:00:00Z'), endsAt: at('2025-11-21T02:30:00Z'), bookedBy: booked ? id() : null });
  await slotModel(connection).collection.insertMany([slot(f1, true), slot(f1, true), slot(f2, true), slot(f2, false)]);
}
