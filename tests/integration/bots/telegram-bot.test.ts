import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expertProfileInput } from '../../../src/domain/experts/expert.schemas.js';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { createCategory, createThread, must, noRateLimits } from '../../support/forum.js';
import { matchingProfile, publishFixtureRequest } from '../../support/notification-world.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';

describe('Telegram bot: commands through the real grammY client against a fake Bot API', () => {
  let telegram: FakeTelegram;
  let api: TestApi;
  let admin: string;
  let nextId = 5_000_000;
  const person = (first_name: string, language_code = 'vi') => new TelegramChat(telegram, { id: (nextId += 1), first_name, language_code });
  const userIdOf = async (chat: TelegramChat) =>
    (await api.service.services.users.findOrCreateByIdentity('telegram', String(chat.user.id), { displayName: 'x' }))._id;

  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000003:${'C'.repeat(32)}`, username: 'bridge_test_bot', limits: null });
    api = await startTestApi(
      { ...noRateLimits, TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, PUBLIC_URL: 'https://bridge.example.vn' },
      ['api', 'bots'],
    );
    admin = await api.tokenFor(['admin'], 'Quản trị');
  });
  afterAll(async () => {
    await api.stop();
    await telegram.close();
  });

  it('registers its commands in Vietnamese and English', () => {
    const en = telegram.commands() as { command: string; description: string }[];
    const vi = telegram.commands({ type: 'default' }, 'vi') as { command: string; description: string }[];
    expect(en.map((c) => c.command)).toEqual(expect.arrayContaining(['start', 'requests', 'events', 'link', 'token', 'search']));
    expect(vi.find((c) => c.command === 'events')?.description).toContain('sự kiện');
  });

  it('greets a Vietnamese speaker in Vietnamese and switches to English on the button', async () => {
    const lan = person('Lan', 'vi');
    const [welcome] = await lan.send('/start');
    expect(welcome?.text).toContain('Chào mừng');
    expect(welcome?.parseMode).toBe('HTML');
    const [switched] = await lan.press('English');
    expect(switched?.text).toBe('Switched to English.');
    const [tour] = await lan.press('Chuyên gia'); // the /start message kept its Vietnamese labels; the answer follows the new language
    expect(tour?.text).toContain('/matches');
    expect(tour?.replyMarkup?.inline_keyboard[0]?.[0]).toMatchObject({ text: 'Create it', callback_data: 'form:expert' });
    expect((await lan.press('Create it'))[0]?.text).toContain('headline');
    await lan.send('/cancel');
    const [help] = await lan.send('/help');
    expect(help?.text).toContain('/requests');
    expect(help?.text).toContain('Browse open collaboration requests');
  });

  it('answers an unknown command with the help, plain text with a hint, and a sticker without crashing', async () => {
    const minh = person('Minh', 'en');
    const [unknown] = await minh.send('/teleport mars');
    expect(unknown?.text).toContain('I don’t know /teleport yet');
    expect(unknown?.text).toContain('/events');
    expect((await minh.send('hello?'))[0]?.text).toContain('Type /help');
    const before = telegram.sentTo(minh.user.id).length;
    telegram.pushUpdate({ message: { message_id: 1, date: 0, chat: { id: minh.user.id, type: 'private', first_name: 'Minh' }, from: { id: minh.user.id, is_bot: false, first_name: 'Minh' }, sticker: { file_id: 'x' } } } as never);
    await expect.poll(() => telegram.sentTo(minh.user.id).length).toBe(before + 1);
    expect(minh.lastText).toContain('/help');
  });

  it('escapes what users write, so nobody can inject markup', async () => {
    const kim = person('Kim', 'en');
    const [answer] = await kim.send('/search <b>bold</b> & co');
    expect(answer?.rawText).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; co');
    expect(answer?.text).toContain('<b>bold</b> & co');
  });

  it('lets an expert browse requests, and the firm accept on Telegram: only then both see contacts', async () => {
    const { requestId } = await publishFixtureRequest(api);
    const hoa = person('Hoa', 'vi');
    const [list] = await hoa.send('/requests kubernetes');
    expect(list?.text).toContain('Tư vấn chuyển đổi lên Kubernetes');
    const [detail] = await hoa.press('1');
    expect(detail?.text).toContain('Kỹ năng bắt buộc: Kubernetes, Go');
    // Without an expert profile the domain says no, politely and in her language.
    const [refused] = await hoa.press('Tôi quan tâm');
    expect(refused?.text).not.toContain('Đã gửi');
    expect(refused?.text.length).toBeGreaterThan(10);
    await api.service.services.experts.putOwn(await userIdOf(hoa), expertProfileInput.parse(matchingProfile()));
    await api.service.services.users.updateMe(await userIdOf(hoa), { contact: { email: 'hoa@example.de' } });
    const [sent] = await hoa.send('/requests kubernetes').then(() => hoa.press('1')).then(() => hoa.press('Tôi quan tâm'));
    expect(sent?.text).toContain('Đã gửi đến doanh nghiệp');
    expect((await hoa.send('/intros'))[0]?.text).not.toContain('hoa@example.de');

    // The firm owner joins their Telegram account to their API account with a link code.
    const request = await must(api.call('GET', `/requests/${requestId}`), 200);
    const ownerId = (await api.service.services.firms.get(new Types.ObjectId(request.firm.id))).members[0]?.userId;
    const { code } = await api.service.services.links.createCode(ownerId as Types.ObjectId);
    const owner = person('Chủ doanh nghiệp', 'en');
    expect((await owner.send(`/start ${code}`))[0]?.text).toContain('linked');
    const [intros] = await owner.send('/intros');
    expect(intros?.text).toContain('waiting for an answer');
    const [accepted] = await owner.press('1. Accept');
    expect(accepted?.text).toContain('hoa@example.de');
    const [hoaView] = await hoa.send('/intros');
    expect(hoaView?.text).toContain('đã đồng ý');
    expect(hoaView?.text).toContain('hoa@example.de');
  });

  it('books a seat, then a waitlist place, and links the calendar file', async () => {
    const organiser = await api.tokenFor(['organiser']);
    const eventId = await publishedEvent(api, organiser, seminarInput({ capacity: 1, startsAt: '2027-07-15T02:00:00Z' }));
    const an = person('An', 'vi');
    const binh = person('Bình', 'en');
    expect((await binh.send('/timezone Berlin'))[0]?.text).toContain('Europe/Berlin');
    await an.send('/events');
    const detail = (await an.press(`ev:${eventId}`, { raw: true }))[0];
    expect(detail?.text).toMatch(/09:00 .*15\/07\/2027 \(UTC\+07:00\)/);
    const ics = detail?.replyMarkup?.inline_keyboard.flat().find((b) => 'url' in b);
    expect(ics).toMatchObject({ url: `https://bridge.example.vn/api/v1/events/${eventId}.ics` });
    expect((await an.press('Tham dự'))[0]?.text).toContain('Bạn đã có chỗ');
    const binhDetail = (await binh.press(`ev:${eventId}`, { raw: true }))[0];
    expect(binhDetail?.text).toContain('15 Jul 2027, 04:00 (UTC+02:00)'); // her own zone
    expect((await binh.press('RSVP'))[0]?.text).toContain('number 1 on the waitlist');
  });

  it('lists a fair’s free meeting slots and books one; the second person to press gets a polite "taken"', async () => {
    const organiser = await api.tokenFor(['organiser']);
    const fairId = await publishedEvent(api, organiser, seminarInput({ kind: 'fair', title: { vi: 'Hội chợ CNTT 2027', en: 'IT Fair 2027' }, startsAt: '2027-10-01T01:00:00Z', endsAt: '2027-10-01T10:00:00Z' }));
    const owner = await api.tokenFor([], 'Firm owner');
    const firm = await must(api.call('POST', '/firms', { token: owner, body: { name: 'Sông Hàn Tech', sector: 'software', size: '11-50', city: 'Đà Nẵng' } }));
    const exhibitor = await must(api.call('POST', `/events/${fairId}/exhibitors`, { token: owner, body: { firmId: firm.id } }));
    await must(api.call('POST', `/exhibitors/${exhibitor.id}/approve`, { token: organiser }), 200);
    await must(api.call('POST', `/exhibitors/${exhibitor.id}/slots`, { token: owner, body: { startsAt: '2027-10-01T02:00:00Z', endsAt: '2027-10-01T02:30:00Z' } }));
    const nga = person('Nga', 'vi');
    const tam = person('Tâm', 'en');
    // Meetings are for experts.
    for (const chat of [nga, tam]) {
      await chat.send('/start');
      await api.service.services.experts.putOwn(await userIdOf(chat), expertProfileInput.parse(matchingProfile()));
    }
    await nga.press(`ev:${fairId}`, { raw: true });
    const [slots] = await nga.press('Lịch gặp doanh nghiệp');
    // The expert profile (Berlin) set Nga's time zone, so 02:00 UTC reads as 04:00 (summer time).
    expect(slots?.text).toMatch(/1\. Sông Hàn Tech — 04:00 .*01\/10\/2027/);
    await tam.press(`ev:${fairId}`, { raw: true });
    await tam.press('Meetings with exhibitors');
    expect((await nga.press('1'))[0]?.text).toContain('Đã đặt lịch gặp Sông Hàn Tech');
    const [taken] = await tam.press('1');
    expect(taken?.text).not.toContain('Booked');
    expect(taken?.text.length).toBeGreaterThan(5);
    expect((await tam.press('Meetings with exhibitors'))[0]?.text).toContain('No free meeting slots');
  });

  it('finds forum threads typed without diacritics, and walks /ask to a new thread', async () => {
    const categoryId = await createCategory(api, admin, 'Hỏi đáp');
    await createThread(api, admin, categoryId, { title: 'Gặp mặt ở Đà Nẵng tháng sau' });
    const thu = person('Thu', 'vi');
    expect((await thu.send('/search da nang'))[0]?.text).toContain('Gặp mặt ở Đà Nẵng');
    expect((await thu.send('/ask'))[0]?.text).toContain('Tiêu đề');
    expect((await thu.send('Tìm chuyên gia Rust ở Huế'))[0]?.text).toContain('nội dung');
    expect((await thu.send('Dự án nhúng, làm từ xa.'))[0]?.text).toContain('Chọn chuyên mục');
    expect((await thu.press('Hỏi đáp'))[0]?.text).toContain('Đã đăng: Tìm chuyên gia Rust ở Huế');
    const threads = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`), 200);
    expect(threads.items.map((t: { title: string }) => t.title)).toContain('Tìm chuyên gia Rust ở Huế');
    // The flow is over: the category button no longer posts anything.
    expect((await thu.press('Hỏi đáp'))[0]?.text).toContain('Nút này đã cũ');
  });

  it('in a group, answers commands only, keeps personal ones for a private chat, and ignores other bots’ commands', async () => {
    const group = telegram.addGroup(-100_200_300, 'Kiều bào CNTT');
    const tuan = new TelegramChat(telegram, { id: (nextId += 1), first_name: 'Tuấn', language_code: 'en' }, group.id);
    const [privateOnly] = await tuan.send('/token');
    expect(privateOnly?.text).toContain('only in a private chat');
    expect(privateOnly?.text).not.toContain('vnb_');
    expect(privateOnly?.replyMarkup?.inline_keyboard[0]?.[0]).toMatchObject({ url: 'https://t.me/bridge_test_bot?start=help' });
    // The button's deep link lands on the command list in the private chat.
    expect((await new TelegramChat(telegram, tuan.user).send('/start help'))[0]?.text).toContain('/requests');
    expect(await tuan.sendExpectingSilence('good morning everyone')).toEqual([]);
    expect(await tuan.sendExpectingSilence('/help@some_other_bot')).toEqual([]);
    // A post in a channel has no sender to answer: ignored, not an error.
    const channelPosts = telegram.sentTo(group.id).length;
    telegram.pushUpdate({ message: { message_id: 9, date: 0, chat: { id: group.id, type: 'supergroup', title: 'x' }, sender_chat: { id: group.id, type: 'supergroup', title: 'x' }, text: '/help' } } as never);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(telegram.sentTo(group.id).length).toBe(channelPosts);
    expect((await tuan.send('/events@bridge_test_bot'))[0]?.text).toBeTruthy();
  });

  it('shows a choice as a keyboard: the digest day from /settings', async () => {
    const hanh = person('Hạnh', 'en');
    await hanh.send('/settings');
    expect((await hanh.press('Friday'))[0]?.text).toContain('Weekly digest: Friday');
  });

  it('gives a personal API token in private that works on the API', async () => {
    const vy = person('Vy', 'en');
    const [answer] = await vy.send('/token');
    const token = /vnb_[A-Za-z0-9_-]+/.exec(answer?.text ?? '')?.[0];
    expect(token).toBeDefined();
    expect((await must(api.call('GET', '/me', { token }), 200)).displayName).toBe('Vy');
  });

  it('refuses a banned person politely in their language, and serves them again when the ban ends', async () => {
    const spam = person('Spam', 'vi');
    await spam.send('/start');
    const userId = await userIdOf(spam);
    const moderator = await api.tokenFor(['moderator']);
    await must(api.call('PUT', `/moderation/users/${String(userId)}/ban`, { token: moderator, body: { reason: 'Gửi rác' } }), 200);
    expect((await spam.send('/requests'))[0]?.text).toContain('tạm khóa');
    await must(api.call('DELETE', `/moderation/users/${String(userId)}/ban`, { token: moderator }), 200);
    expect((await spam.send('/requests'))[0]?.text).not.toContain('tạm khóa');
  });

  it('keeps serving others when someone who blocked the bot writes, and when Telegram answers 429', async () => {
    const gone = person('Blocked', 'en');
    telegram.blockUser(gone.user.id);
    expect(await gone.sendExpectingSilence('/help')).toEqual([]);
    const refusedBefore = telegram.tooManyRequests;
    telegram.setLimits({ global: 1 }); // one message per second overall: replies meet 429 and are waited out
    const [first, second] = [person('First', 'en'), person('Second', 'en')];
    const answers = await Promise.all([first.send('/help'), second.send('/help')]);
    expect(answers.map((a) => a[0]?.text.includes('/requests'))).toEqual([true, true]);
    expect(telegram.tooManyRequests).toBeGreaterThan(refusedBefore);
    telegram.setLimits(null);
  });

  it('answers a tampered button and an over-long argument without crashing', async () => {
    const lo = person('Lộc', 'en');
    expect((await lo.press('req:not-an-id', { raw: true }))[0]?.text).toContain('out of date');
    expect((await lo.press('nonsense', { raw: true }))[0]?.text).toContain('out of date');
    expect((await lo.send(`/search ${'x'.repeat(300)}`))[0]?.text).toContain('at most 200');
    expect((await lo.send('/timezone Atlantis'))[0]?.text).toContain('don’t recognise');
    expect((await lo.send('/timezone UTC+9'))[0]?.text).toBe('Time zone set: UTC+09:00.');
  });
});
