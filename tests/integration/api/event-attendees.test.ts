import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventModel } from '../../../src/domain/events/event.model.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { startTestApi, type TestApi } from '../../support/service.js';

interface Person {
  token: string;
  id: string;
  name: string;
}

describe('events: organisers list attendees and the waitlist', () => {
  let api: TestApi;
  let organiser: string;

  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Sở Thông tin và Truyền thông');
  });
  afterAll(async () => {
    await api.stop();
  });

  async function person(name: string): Promise<Person> {
    const token = await api.tokenFor([], name);
    return { token, id: (await api.call('GET', '/me', { token })).body.id as string, name };
  }

  async function rsvp(eventId: string, who: Person): Promise<void> {
    const res = await api.call('POST', `/events/${eventId}/rsvp`, { token: who.token });
    if (res.status !== 201) throw new Error(`rsvp: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** Two seats; An and Bình take them, Chí and Dũng wait, then Bình withdraws and Chí moves up. */
  async function seminarWithWaitlist() {
    const eventId = await publishedEvent(api, organiser, seminarInput({ capacity: 2 }));
    const an = await person('Nguyễn Văn An');
    const binh = await person('Trần Thị Bình');
    const chi = await person('Lê "Chí", Hùng');
    const dung = await person('Phạm Dũng');
    for (const who of [an, binh, chi, dung]) await rsvp(eventId, who);
    expect((await api.call('DELETE', `/events/${eventId}/rsvp`, { token: binh.token })).status).toBe(204);
    return { eventId, an, binh, chi, dung };
  }

  /** Moves the event's start into the past, as if it were under way. */
  async function start(eventId: string): Promise<void> {
    await eventModel(api.service.connection).updateOne({ _id: eventId }, { $set: { startsAt: new Date(Date.now() - 60_000) } });
  }

  it('lists everyone in RSVP order with name, status and waitlist position; withdrawn RSVPs stay as cancelled', async () => {
    const { eventId, an, binh, chi, dung } = await seminarWithWaitlist();
    const res = await api.call('GET', `/events/${eventId}/attendees`, { token: organiser });
    expect(res.status).toBe(200);
    const rows = res.body.items.map((r: Record<string, unknown>) => [r.userId, r.displayName, r.status, r.position]);
    expect(rows).toEqual([
      [an.id, an.name, 'going', null],
      [binh.id, binh.name, 'cancelled', null],
      [chi.id, chi.name, 'going', null],
      [dung.id, dung.name, 'waitlisted', 1],
    ]);
    expect(res.body.items[1].cancelledAt).toEqual(expect.any(String));
    expect(res.body.nextCursor).toBeNull();
  });

  it('pages with a cursor, without repeating or skipping anyone', async () => {
    const { eventId, an, binh, chi, dung } = await seminarWithWaitlist();
    const first = await api.call('GET', `/events/${eventId}/attendees?limit=3`, { token: organiser });
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.call('GET', `/events/${eventId}/attendees?limit=3&cursor=${first.body.nextCursor}`, { token: organiser });
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((r: { userId: string }) => r.userId);
    expect(ids).toEqual([an.id, binh.id, chi.id, dung.id]);
    const bad = await api.call('GET', `/events/${eventId}/attendees?cursor=nonsense`, { token: organiser });
    expect(bad.status).toBe(400);
    expect((await api.call('GET', `/events/${eventId}/attendees?limit=101`, { token: organiser })).status).toBe(400);
  });

  it('gives organisers the ids they mark attendance with, and then shows who came', async () => {
    const { eventId, an, chi } = await seminarWithWaitlist();
    await start(eventId);
    const list = await api.call('GET', `/events/${eventId}/attendees`, { token: organiser });
    const going = list.body.items.filter((r: { status: string }) => r.status === 'going').map((r: { userId: string }) => r.userId);
    expect(going).toEqual([an.id, chi.id]);
    await api.call('POST', `/events/${eventId}/attendance`, { token: organiser, body: { userIds: [an.id] } });
    await api.call('POST', `/events/${eventId}/attendance`, { token: organiser, body: { userIds: [chi.id], attended: false } });
    const after = await api.call('GET', `/events/${eventId}/attendees`, { token: organiser });
    expect(after.body.items.map((r: { status: string }) => r.status)).toEqual(['attended', 'cancelled', 'absent', 'waitlisted']);
    expect(after.body.items[0].attendedAt).toEqual(expect.any(String));
  });

  it('exports the same rows as CSV: header, quoting, UTF-8 with BOM, a download name', async () => {
    const { eventId, an, binh, chi, dung } = await seminarWithWaitlist();
    const res = await fetch(`${api.url}/api/v1/events/${eventId}/attendees.csv`, {
      headers: { authorization: `Bearer ${organiser}`, 'accept-language': 'vi' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?attendees-${eventId}\\.csv"?$`));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('Mã người dùng,Họ tên,Trạng thái,Vị trí chờ,Thời điểm đăng ký,Thời điểm điểm danh,Thời điểm rút đăng ký');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      `${an.id},${an.name}`,
      `${binh.id},${binh.name}`,
      `${chi.id},"Lê ""Chí""`,
      `${dung.id},${dung.name}`,
    ]);
    expect(lines[3]).toContain(`,"Lê ""Chí"", Hùng",Tham dự,,`);
    expect(lines[2]).toContain(',Đã rút đăng ký,,');
    expect(lines[4]).toMatch(/,Danh sách chờ,1,/);
  });

  it('is for the event’s own organisers and admins only', async () => {
    const { eventId, an } = await seminarWithWaitlist();
    const otherOrganiser = await api.tokenFor(['organiser'], 'Ban tổ chức khác');
    const admin = await api.tokenFor(['admin'], 'Quản trị');
    for (const path of [`/events/${eventId}/attendees`, `/events/${eventId}/attendees.csv`]) {
      expect((await api.call('GET', path, { token: otherOrganiser })).status).toBe(403);
      expect((await api.call('GET', path, { token: an.token })).status).toBe(403);
      expect((await api.call('GET', path)).status).toBe(401);
      expect((await api.call('GET', path, { token: admin })).status).toBe(200);
    }
    const missing = await api.call('GET', '/events/000000000000000000000000/attendees', { token: organiser });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('event.not_found');
  });

  it('lists a person who withdrew and came back by their new status, at the end of the waitlist', async () => {
    const { eventId, binh, dung } = await seminarWithWaitlist();
    await rsvp(eventId, binh);
    const mine = await api.call('GET', `/events/${eventId}/rsvp`, { token: binh.token });
    expect(mine.body).toMatchObject({ status: 'waitlisted', position: 2 });
    const rows = (await api.call('GET', `/events/${eventId}/attendees`, { token: organiser })).body.items;
    const status = Object.fromEntries(rows.map((r: { userId: string; status: string; position: number | null }) => [r.userId, [r.status, r.position]]));
    expect(status[binh.id]).toEqual(['waitlisted', 2]);
    expect(status[dung.id]).toEqual(['waitlisted', 1]);
    expect((await api.call('GET', `/events/${eventId}`)).body.seats).toEqual({ going: 2, waitlisted: 2, left: 0 });
  });

  it('refuses to withdraw an RSVP once the event has started, and keeps recorded attendance', async () => {
    const { eventId, an, dung } = await seminarWithWaitlist();
    await start(eventId);
    await api.call('POST', `/events/${eventId}/attendance`, { token: organiser, body: { userIds: [an.id] } });
    for (const who of [an, dung]) {
      const res = await api.call('DELETE', `/events/${eventId}/rsvp`, { token: who.token, lang: 'vi' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('rsvp.event_started');
      expect(res.body.error.message).toBe('Sự kiện đã bắt đầu nên không thể rút đăng ký tham dự nữa.');
    }
    const rows = (await api.call('GET', `/events/${eventId}/attendees`, { token: organiser })).body.items;
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['attended', 'cancelled', 'going', 'waitlisted']);
    expect((await api.call('GET', `/events/${eventId}`)).body.seats).toEqual({ going: 2, waitlisted: 1, left: 0 });
  });
});
