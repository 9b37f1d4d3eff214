import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { VALID_BODIES } from '../../support/valid-bodies.js';

const day = 86_400_000;
const at = (days: number, minutes = 0) => new Date(Date.now() + days * day + minutes * 60_000).toISOString();

describe('fairs: an exhibitor sees who booked its meeting slots', () => {
  let api: TestApi;
  let organiser: string;
  let fairDay = 30;

  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Ban tổ chức');
  });
  afterAll(async () => {
    await api.stop();
  });

  async function must(method: string, path: string, token: string, body?: unknown) {
    const res = await api.call(method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A fair of its own day with one approved exhibitor (firm "Sông Hàn Tech") offering `slots` half-hour slots. */
  async function fairWithSlots(slots: number) {
    fairDay += 1;
    const d = fairDay;
    const fairId = await publishedEvent(api, organiser, seminarInput({ kind: 'fair', startsAt: at(d), endsAt: at(d, 60 * 12) }));
    const owner = await api.tokenFor([], 'Chủ doanh nghiệp');
    const firm = await must('POST', '/firms', owner, { name: 'Sông Hàn Tech', sector: 'software', size: '11-50', city: 'Đà Nẵng' });
    const exhibitor = await must('POST', `/events/${fairId}/exhibitors`, owner, { firmId: firm.id });
    await must('POST', `/exhibitors/${exhibitor.id}/approve`, organiser);
    const slotIds: string[] = [];
    for (let i = 0; i < slots; i += 1) {
      slotIds.push((await must('POST', `/exhibitors/${exhibitor.id}/slots`, owner, { startsAt: at(d, 30 * i), endsAt: at(d, 30 * i + 30) })).id);
    }
    return { fairId, owner, firmId: firm.id as string, exhibitorId: exhibitor.id as string, slotIds };
  }

  /** A member who becomes an expert through their profile and leaves contact details. */
  async function expert(name: string) {
    const token = await api.tokenFor(['expert'], name);
    await must('PUT', '/experts/me', token, { ...VALID_BODIES.putMyExpertProfile, headline: 'Kỹ sư Kubernetes, 10 năm' });
    await must('PATCH', '/me', token, { contact: { email: 'minh@example.de', telegram: '@minh_k8s' } });
    return { token, id: (await must('GET', '/me', token)).id as string };
  }

  it('shows the booker’s name, headline and contact on the booked slot, and nothing on free ones', async () => {
    const { owner, exhibitorId, slotIds } = await fairWithSlots(2);
    const minh = await expert('Nguyễn Minh');
    await must('POST', `/slots/${slotIds[1]}/booking`, minh.token);
    const res = await api.call('GET', `/exhibitors/${exhibitorId}/slots`, { token: owner });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual(slotIds);
    expect(res.body.items[0].booking).toBeNull();
    expect(res.body.items[1].booking).toEqual({
      userId: minh.id,
      displayName: 'Nguyễn Minh',
      headline: 'Kỹ sư Kubernetes, 10 năm',
      contact: { email: 'minh@example.de', telegram: '@minh_k8s' },
      bookedAt: expect.any(String),
    });
  });

  it('takes the booker off the slot again when the booking is cancelled', async () => {
    const { owner, exhibitorId, slotIds } = await fairWithSlots(1);
    const minh = await expert('Nguyễn Minh');
    await must('POST', `/slots/${slotIds[0]}/booking`, minh.token);
    await must('DELETE', `/slots/${slotIds[0]}/booking`, minh.token);
    const res = await api.call('GET', `/exhibitors/${exhibitorId}/slots`, { token: owner });
    expect(res.body.items[0].booking).toBeNull();
  });

  it('is for the firm’s members and the fair’s organisers; the public list keeps the booker private', async () => {
    const { fairId, owner, exhibitorId, slotIds } = await fairWithSlots(1);
    const minh = await expert('Nguyễn Minh');
    await must('POST', `/slots/${slotIds[0]}/booking`, minh.token);
    expect((await api.call('GET', `/exhibitors/${exhibitorId}/slots`, { token: organiser })).status).toBe(200);
    expect((await api.call('GET', `/exhibitors/${exhibitorId}/slots`, { token: minh.token })).status).toBe(403);
    expect((await api.call('GET', `/exhibitors/${exhibitorId}/slots`, { token: await api.tokenFor(['organiser']) })).status).toBe(403);
    expect((await api.call('GET', `/exhibitors/${exhibitorId}/slots`)).status).toBe(401);
    expect((await api.call('GET', '/exhibitors/000000000000000000000000/slots', { token: owner })).status).toBe(404);
    const publicList = await api.call('GET', `/events/${fairId}/slots`);
    expect(publicList.body.items[0]).toMatchObject({ booked: true, bookedByYou: false });
    expect(JSON.stringify(publicList.body)).not.toContain('Nguyễn Minh');
  });

  it('names the exhibitor’s firm in the exhibitor and slot lists', async () => {
    const { fairId, firmId } = await fairWithSlots(1);
    const exhibitors = await api.call('GET', `/events/${fairId}/exhibitors`);
    expect(exhibitors.body.items).toEqual([expect.objectContaining({ firmId, firmName: 'Sông Hàn Tech', status: 'approved' })]);
    expect(exhibitors.body.nextCursor).toBeNull();
    const slots = await api.call('GET', `/events/${fairId}/slots`);
    expect(slots.body.items[0]).toMatchObject({ firmId, firmName: 'Sông Hàn Tech' });
  });

  it('pages the fair’s slots and the exhibitor’s slots 20 at a time with a cursor', async () => {
    const { fairId, owner, exhibitorId, slotIds } = await fairWithSlots(21);
    for (const [path, token] of [[`/events/${fairId}/slots`, undefined], [`/exhibitors/${exhibitorId}/slots`, owner]] as const) {
      const first = await api.call('GET', path, { token });
      expect(first.body.items).toHaveLength(20);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const rest = await api.call('GET', `${path}?cursor=${first.body.nextCursor}`, { token });
      expect(rest.body.nextCursor).toBeNull();
      expect([...first.body.items, ...rest.body.items].map((s: { id: string }) => s.id)).toEqual(slotIds);
    }
    const minh = await expert('Nguyễn Minh');
    await must('POST', `/slots/${slotIds[0]}/booking`, minh.token);
    const free = await api.call('GET', `/events/${fairId}/slots?free=true&limit=100`);
    expect(free.body.items.map((s: { id: string }) => s.id)).toEqual(slotIds.slice(1));
  });
});
