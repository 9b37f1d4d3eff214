import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePlatformSettings } from '../support/bot-platforms.js';
import { FakeTelegram } from '../support/fake-telegram/index.js';
import { englishWordsIn } from '../support/english-words.js';
import { publishedEvent, seminarInput } from '../support/events.js';
import { expertWithAccounts, matchingProfile } from '../support/notification-world.js';
import { startTestApi, type ApiAnswer, type TestApi } from '../support/service.js';

/**
 * The journeys the product exists for, each walked from the first call to the last through
 * the HTTP API with the workers running and a fake Telegram as the only chat platform: roles
 * gained on the way reach the token already in hand, two linked accounts keep what each
 * held, a broadcast runs its whole life. Walked once in English and once in Vietnamese; in
 * Vietnamese, no answer on the way may carry an English message.
 */
describe.each(['en', 'vi'] as const)('journeys across roles, accounts and broadcasts (%s)', (lang) => {
  let api: TestApi;
  let telegram: FakeTelegram;
  let admin: string;
  let organiser: string;
  let nextChat = lang === 'en' ? 61_000 : 62_000;

  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000061:${'J'.repeat(32)}` });
    api = await startTestApi(fakePlatformSettings({ telegram }), ['api', 'worker']);
    admin = await api.tokenFor(['admin'], 'Quản trị');
    organiser = await api.tokenFor(['organiser'], 'Ban tổ chức');
  });
  afterAll(async () => {
    await api.stop();
    await telegram.close();
  });

  /** One API call in this journey's language; in Vietnamese, a refusal must not say anything in English. */
  const call = async (step: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<ApiAnswer> => {
    const answer = await api.call(method, path, { ...options, lang });
    if (answer.status >= 400 && lang === 'vi') {
      const error = answer.body?.error as { message: string; details?: { issues?: { message: string }[] } } | undefined;
      const messages = [error?.message ?? '', ...(error?.details?.issues ?? []).map((i) => i.message)];
      expect(messages.filter((m) => englishWordsIn(m).length > 0), `${step} answered in English`).toEqual([]);
      expect(messages.every((m) => m.length > 0), `${step} answered without a message`).toBe(true);
    }
    return answer;
  };
  const idOf = async (token: string) => (await call('me', 'GET', '/me', { token })).body.id as string;
  /** The day of an event comes: its times move into the past (the database stands in for the calendar). */
  const eventHasStarted = async (eventId: string) => {
    const startsAt = new Date(Date.now() - 3_600_000);
    await api.service.connection
      .collection('events')
      .updateOne({ _id: new Types.ObjectId(eventId) }, { $set: { startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) } });
  };

  it('a member becomes an expert and books a fair meeting that the exhibitor then sees', async () => {
    const fairId = await publishedEvent(api, organiser, seminarInput({
      kind: 'fair',
      title: { vi: 'Hội chợ CNTT Đà Nẵng 2027', en: 'Da Nang IT Fair 2027' },
      startsAt: '2027-10-01T01:00:00Z',
      endsAt: '2027-10-01T10:00:00Z',
    }));
    // A firm owner registers the firm and invites a colleague, who joins by accepting.
    const owner = await api.tokenFor([], 'Chị Lan');
    const colleague = await api.tokenFor([], 'Anh Tuấn');
    const firm = await call('create firm', 'POST', '/firms', { token: owner, body: { name: 'Sông Hàn Tech', sector: 'software', size: '51-200', city: 'Đà Nẵng' } });
    expect(firm.status).toBe(201);
    const firmId = firm.body.id as string;
    const colleagueId = await idOf(colleague);
    expect((await call('invite', 'POST', `/firms/${firmId}/invitations`, { token: owner, body: { userId: colleagueId, role: 'staff' } })).status).toBe(201);
    const invitations = await call('my invitations', 'GET', '/me/firm-invitations', { token: colleague });
    expect(invitations.body.items).toMatchObject([{ firmId, firmName: 'Sông Hàn Tech', role: 'staff' }]);
    expect((await call('accept invitation', 'POST', `/me/firm-invitations/${firmId}/accept`, { token: colleague })).status).toBe(200);

    // The firm exhibits; the organiser approves; the colleague offers a meeting slot.
    const exhibitor = await call('apply as exhibitor', 'POST', `/events/${fairId}/exhibitors`, { token: owner, body: { firmId } });
    expect((await call('approve exhibitor', 'POST', `/exhibitors/${exhibitor.body.id}/approve`, { token: organiser })).status).toBe(200);
    const slot = await call('offer slot', 'POST', `/exhibitors/${exhibitor.body.id}/slots`, {
      token: colleague,
      body: { startsAt: '2027-10-01T02:00:00Z', endsAt: '2027-10-01T02:30:00Z' },
    });
    expect(slot.status).toBe(201);
    expect((await call('list exhibitors', 'GET', `/events/${fairId}/exhibitors`)).body.items).toMatchObject([{ firmName: 'Sông Hàn Tech' }]);

    // A member without a profile may not book; once the profile exists the same token can.
    const member = await api.tokenFor([], 'Dr. Minh');
    const refused = await call('book before a profile', 'POST', `/slots/${slot.body.id}/booking`, { token: member });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('slot.experts_only');
    const invalidProfile = await call('invalid profile', 'PUT', '/experts/me', { token: member, body: { ...matchingProfile(), skills: [], timezone: 'Nowhere/City' } });
    expect(invalidProfile.status).toBe(400);
    const profile = await call('create profile', 'PUT', '/experts/me', { token: member, body: matchingProfile({ headline: 'Kỹ sư nền tảng ở Berlin' }) });
    expect(profile.status).toBe(201);
    expect((await call('book', 'POST', `/slots/${slot.body.id}/booking`, { token: member })).status).toBe(200);

    // The exhibitor's people see who booked, with the headline and a way to reach them.
    const slots = await call('exhibitor slots', 'GET', `/exhibitors/${exhibitor.body.id}/slots`, { token: colleague });
    expect(slots.status).toBe(200);
    expect(slots.body.items).toMatchObject([{ id: slot.body.id, booking: { userId: await idOf(member), displayName: 'Dr. Minh', headline: 'Kỹ sư nền tảng ở Berlin' } }]);
    // …and nobody outside the firm does.
    expect((await call('outsider reads exhibitor slots', 'GET', `/exhibitors/${exhibitor.body.id}/slots`, { token: member })).status).toBe(403);
  });

  it('a member promoted to organiser runs an event with the same token: attendees, attendance, then demotion', async () => {
    const hoa = await api.tokenFor([], 'Chị Hoa');
    const hoaId = await idOf(hoa);
    const input = seminarInput({ capacity: 2 });
    expect((await call('create event as member', 'POST', '/events', { token: hoa, body: input })).status).toBe(403);
    expect((await call('promote', 'PUT', `/users/${hoaId}/roles`, { token: admin, body: { roles: ['member', 'organiser'] } })).status).toBe(200);
    const created = await call('create event', 'POST', '/events', { token: hoa, body: input });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;
    expect((await call('publish', 'POST', `/events/${eventId}/publish`, { token: hoa })).status).toBe(200);

    const people = await Promise.all(['Bảo', 'Chi', 'Dũng'].map((name) => api.tokenFor([], name)));
    const [bao, chi] = people as [string, string, string];
    for (const token of people) expect((await call('rsvp', 'POST', `/events/${eventId}/rsvp`, { token })).status).toBe(201);
    // Chi withdraws before the day; Dũng moves up from the waitlist.
    expect((await call('withdraw', 'DELETE', `/events/${eventId}/rsvp`, { token: chi })).status).toBe(204);

    const before = await call('attendees', 'GET', `/events/${eventId}/attendees`, { token: hoa });
    expect(before.status).toBe(200);
    const byName = Object.fromEntries((before.body.items as { displayName: string; status: string; userId: string }[]).map((a) => [a.displayName, a]));
    expect(byName).toMatchObject({ Bảo: { status: 'going' }, Chi: { status: 'cancelled' }, Dũng: { status: 'going' } });
    const csv = await call('attendees csv', 'GET', `/events/${eventId}/attendees.csv`, { token: hoa });
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Dũng');

    await eventHasStarted(eventId);
    const marked = await call('mark attendance', 'POST', `/events/${eventId}/attendance`, { token: hoa, body: { userIds: [byName.Bảo?.userId] } });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ marked: 1, attended: 1 });
    // Too late to withdraw now, and trying does not erase the attendance.
    const late = await call('withdraw after start', 'DELETE', `/events/${eventId}/rsvp`, { token: bao });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('rsvp.event_started');
    const after = await call('attendees after', 'GET', `/events/${eventId}/attendees`, { token: hoa });
    expect(after.body.items.find((a: { displayName: string }) => a.displayName === 'Bảo')).toMatchObject({ status: 'attended' });

    // Demoted, the same token loses the organiser's powers at once.
    expect((await call('demote', 'PUT', `/users/${hoaId}/roles`, { token: admin, body: { roles: ['member'] } })).status).toBe(200);
    expect((await call('create event after demotion', 'POST', '/events', { token: hoa, body: input })).status).toBe(403);
  });

  it('one person links their two accounts and keeps their seat, their place in line and their posts', async () => {
    const { services } = api.service;
    const chat = (nextChat += 1);
    const onTelegram = await services.users.findOrCreateByIdentity('telegram', String(chat), { displayName: 'Phương', locale: lang });
    const onDiscord = await services.users.findOrCreateByIdentity('discord', `8${chat}000000000000`, { displayName: 'Phương (Discord)', locale: lang });
    const telegramToken = (await services.tokens.issue(onTelegram._id, { name: 'script' })).token;
    const discordToken = (await services.tokens.issue(onDiscord._id, { name: 'script' })).token;

    // From the Discord account: the last seat of a seminar, and a forum thread.
    const eventId = await publishedEvent(api, organiser, seminarInput({ capacity: 1 }));
    expect((await call('rsvp', 'POST', `/events/${eventId}/rsvp`, { token: discordToken })).body.status).toBe('going');
    // From the Telegram account: a place in line, withdrawn again (a cancelled RSVP is kept on record).
    expect((await call('rsvp from telegram', 'POST', `/events/${eventId}/rsvp`, { token: telegramToken })).body).toMatchObject({ status: 'waitlisted', position: 1 });
    const other = await api.tokenFor([], 'Người chờ');
    expect((await call('rsvp waitlisted', 'POST', `/events/${eventId}/rsvp`, { token: other })).body).toMatchObject({ status: 'waitlisted', position: 2 });
    expect((await call('withdraw from telegram', 'DELETE', `/events/${eventId}/rsvp`, { token: telegramToken })).status).toBe(204);
    const category = await call('category', 'POST', '/forum/categories', {
      token: admin,
      body: { slug: `cloud-${lang}`, name: { vi: 'Điện toán đám mây', en: 'Cloud' } },
    });
    const thread = await call('thread', 'POST', '/forum/threads', {
      token: discordToken,
      body: { categoryId: category.body.id, title: 'Kubernetes ở Đà Nẵng', body: 'Ai đang dùng k8s?', tags: ['k8s'], locale: 'vi' },
    });
    expect(thread.status).toBe(201);

    // Linking a second Telegram account is refused, and the code still works afterwards.
    const code = (await call('link code', 'POST', '/me/link-codes', { token: telegramToken })).body.code as string;
    const secondTelegram = await services.users.findOrCreateByIdentity('telegram', String(chat + 500), { displayName: 'Phương 2', locale: lang });
    const secondToken = (await services.tokens.issue(secondTelegram._id, { name: 'script' })).token;
    const samePlatform = await call('link same platform', 'POST', '/me/link', { token: secondToken, body: { code } });
    expect(samePlatform.status).toBe(409);
    expect(samePlatform.body.error.code).toBe('link.same_platform');
    const linked = await call('link', 'POST', '/me/link', { token: discordToken, body: { code } });
    expect(linked.status).toBe(200);
    expect(linked.body.id).toBe(String(onTelegram._id));

    // The survivor holds the seat; the person waiting is still first in line, not seated twice over.
    const rsvp = await call('my rsvp', 'GET', `/events/${eventId}/rsvp`, { token: telegramToken });
    expect(rsvp.body.status).toBe('going');
    expect((await call('waiting rsvp', 'GET', `/events/${eventId}/rsvp`, { token: other })).body).toMatchObject({ status: 'waitlisted', position: 1 });
    const attendees = await call('attendees', 'GET', `/events/${eventId}/attendees`, { token: organiser });
    const rows = attendees.body.items as { userId: string; status: string }[];
    expect(rows.filter((a) => a.status === 'going')).toMatchObject([{ userId: String(onTelegram._id) }]);
    // One row per person: the merged-away account left nothing behind.
    expect(rows.filter((a) => a.userId === String(onDiscord._id))).toEqual([]);
    expect(rows.filter((a) => a.userId === String(onTelegram._id))).toHaveLength(1);
    // The old thread is theirs to edit from either token.
    const edited = await call('edit old thread', 'PATCH', `/forum/threads/${thread.body.id}`, { token: telegramToken, body: { body: 'Đã sửa: ai đang dùng k8s?' } });
    expect(edited.status).toBe(200);
    expect((await call('me via old token', 'GET', '/me', { token: discordToken })).body.id).toBe(String(onTelegram._id));
  });

  it('a broadcast is sent and reaches `sent` with its counts, people without a chat counted as unreachable', async () => {
    const tag = `journey-${lang}`;
    const chats: number[] = [];
    for (const name of ['Giang', 'Khoa']) {
      const chat = (nextChat += 1);
      chats.push(chat);
      telegram.addUser({ id: chat, first_name: name });
      await expertWithAccounts(api, name, { telegram: String(chat) }, { skills: [tag] });
    }
    await expertWithAccounts(api, 'Long', {}, { skills: [tag] });

    const badSegment = await call('bad broadcast', 'POST', '/broadcasts', { token: organiser, body: { segment: { audience: 'martians' }, text: {} } });
    expect(badSegment.status).toBe(400);
    const created = await call('broadcast', 'POST', '/broadcasts', {
      token: organiser,
      body: { segment: { audience: 'experts', skills: [tag] }, text: { vi: 'Hội chợ CNTT mở cửa thứ Bảy.', en: 'The IT fair opens on Saturday.' } },
    });
    expect(created.status).toBe(201);
    await expect
      .poll(async () => (await call('broadcast detail', 'GET', `/broadcasts/${created.body.id}`, { token: organiser })).body.status, { timeout: 60_000, interval: 200 })
      .toBe('sent');
    const detail = await call('broadcast detail', 'GET', `/broadcasts/${created.body.id}`, { token: organiser });
    expect(detail.body.counts).toMatchObject({ total: 3, sent: 2, unreachable: 1, pending: 0, failed: 0 });
    for (const chat of chats) expect(telegram.sentTo(chat).some((m) => /Hội chợ CNTT|IT fair/.test(m.text))).toBe(true);
  });
});
