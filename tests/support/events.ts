/** Event fixtures shared by the events API tests. */
import { Types } from 'mongoose';
import type { TestApi } from './service.js';

/** An in-person seminar in Đà Nẵng in July 2027 (times in UTC; the zone is Vietnam's). */
export function seminarInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'seminar',
    title: { vi: 'Hội thảo Kubernetes 2027', en: 'Kubernetes seminar 2027' },
    body: { vi: 'Chia sẻ kinh nghiệm vận hành.', en: 'Lessons from running clusters.' },
    startsAt: '2027-07-15T02:00:00Z',
    endsAt: '2027-07-15T05:00:00Z',
    timezone: 'Asia/Ho_Chi_Minh',
    place: { venue: 'Trung tâm Hội nghị', address: '1 Bạch Đằng', city: 'Đà Nẵng' },
    ...overrides,
  };
}

/** Creates an event as `token` and returns its id; fails loudly when setup breaks. */
export async function createEvent(api: TestApi, token: string, input: Record<string, unknown>): Promise<string> {
  const res = await api.call('POST', '/events', { token, body: input });
  if (res.status !== 201) throw new Error(`createEvent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Creates and publishes an event; returns its id. */
export async function publishedEvent(api: TestApi, token: string, input: Record<string, unknown>): Promise<string> {
  const id = await createEvent(api, token, input);
  const res = await api.call('POST', `/events/${id}/publish`, { token });
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

/** Notices in the outbox collection about one subject, oldest first. */
export async function noticeTypes(api: TestApi, subjectId: string): Promise<string[]> {
  const rows = await api.service.connection
    .collection('notices')
    .find({ 'subject.id': new Types.ObjectId(subjectId) })
    .sort({ createdAt: 1 })
    .toArray();
  return rows.map((n) => String(n.type));
}
