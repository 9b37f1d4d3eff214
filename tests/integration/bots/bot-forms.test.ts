import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { noRateLimits } from '../../support/forum.js';
import { fakePlatformSettings } from '../../support/bot-platforms.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';

type Embed = { title?: string; description?: string };
type Row = { components: { custom_id?: string; label?: string; value?: string }[] };

describe('bot forms: each answer checked when given, in the person’s language, natural answers accepted', () => {
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let api: TestApi;
  let nextTelegramId = 7_100_000;
  let nextDiscordId = 430_000_000_000_000_000n;
  const onTelegram = (first_name: string, language_code: string) => new TelegramChat(telegram, { id: (nextTelegramId += 1), first_name, language_code });
  const onDiscord = (username: string, locale: string) => ({ id: String((nextDiscordId += 1n)), username, locale });
  const embedText = (message: { embeds?: Embed[] } | undefined) => (message?.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');
  const userOf = async (provider: 'telegram' | 'discord', externalId: string) =>
    api.service.services.users.findOrCreateByIdentity(provider, externalId, { displayName: 'x' });

  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000011:${'F'.repeat(32)}`, username: 'forms_test_bot', limits: null });
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    api = await startTestApi({ ...noRateLimits, ...fakePlatformSettings({ telegram, discord }), PUBLIC_URL: 'https://bridge.example.vn' }, ['api', 'bots']);
  });
  afterAll(async () => {
    await api.stop();
    await telegram.close();
    await discord.close();
  });

  it('re-asks only the wrong field, in Vietnamese, and takes country and language names', async () => {
    const lan = onTelegram('Lan', 'vi');
    await lan.send('/start');
    expect((await lan.send('/expert'))[0]?.text).toContain('Một dòng giới thiệu');
    await lan.send('Kỹ sư Kubernetes');
    await lan.send('Kubernetes, Go');
    const [unknownPlace] = await lan.send('Atlantis');
    expect(unknownPlace?.text).toContain('Tôi chưa nhận ra nước nào trong "Atlantis"');
    expect(unknownPlace?.text).toContain('Bạn sống ở đâu?');
    const [askLanguages] = await lan.send('Tokyo, Nhật Bản');
    expect(askLanguages?.text).toContain('ngôn ngữ nào');
    const [unknownLanguage] = await lan.send('tiếng Việt, tiếng Klingon');
    expect(unknownLanguage?.text).toContain('Tôi chưa nhận ra ngôn ngữ: tiếng Klingon');
    await lan.send('tiếng Việt, English');
    const [saved] = await lan.send('Mười năm vận hành hệ thống.');
    expect(saved?.text).toContain('Đã lưu hồ sơ');
    const user = await userOf('telegram', String(lan.user.id));
    const profile = await api.service.services.experts.getOwn(user._id);
    expect(profile).toMatchObject({ headline: 'Kỹ sư Kubernetes', city: 'Tokyo', country: 'JP', languages: ['vi', 'en'], timezone: 'Asia/Tokyo' });
    // She never chose a zone, so where she lives becomes her time zone.
    expect(user.timezone).toBe('Asia/Tokyo');
    const [shown] = await lan.send('/profile');
    expect(shown?.text).toContain('Tokyo, Nhật Bản · Asia/Tokyo (UTC+09:00)');
    expect(shown?.text).toContain('Kỹ năng: Kubernetes, Go');
    expect(shown?.text).toContain('Ngôn ngữ: Tiếng Việt, Tiếng Anh');
  });

  it('writes usage lines, kinds and help in the person’s language', async () => {
    const hung = onTelegram('Hùng', 'vi');
    await hung.send('/start');
    expect((await hung.send('/search'))[0]?.text).toBe('Cách dùng: /search <từ khóa>');
    const [help] = await hung.send('/help');
    expect(help?.text).toContain('/subscribe <chủ đề>');
    expect(help?.text).not.toMatch(/<(words|topic|city|code|hours)>/);
    // A member is not offered the organisers' and moderators' commands; an organiser is.
    expect(help?.text).not.toMatch(/\/announce\b/);
    expect(help?.text).not.toContain('/flagged');
    const user = await userOf('telegram', String(hung.user.id));
    const admin = await api.tokenFor(['admin']);
    expect((await api.call('PUT', `/users/${String(user._id)}/roles`, { token: admin, body: { roles: ['member', 'organiser'] } })).status).toBe(200);
    const [organiserHelp] = await hung.send('/help');
    expect(organiserHelp?.text).toMatch(/\/announce\b/);
    expect(organiserHelp?.text).not.toContain('/flagged');
    expect((await hung.send('/subscribe kỹ năng Kubernetes'))[0]?.text).toBe('Đã theo dõi kỹ năng: kubernetes.');
    expect((await hung.send('/subscribe sự kiện hội thảo'))[0]?.text).toBe('Đã theo dõi loại sự kiện: Hội thảo.');
    expect((await hung.send('/unsubscribe sự kiện hội thảo'))[0]?.text).toBe('Đã bỏ theo dõi loại sự kiện: Hội thảo.');
    expect((await hung.send('/subscribe'))[0]?.text).toBe('Cách dùng: /subscribe <chủ đề>');
  });

  it('takes English names too, and keeps a time zone the person chose themselves', async () => {
    const tom = onTelegram('Tom', 'en');
    expect((await tom.send('/timezone UTC+7'))[0]?.text).toBe('Time zone set: UTC+07:00.');
    await tom.send('/expert');
    for (const answer of ['Data engineer', 'Python, Spark', 'Munich, Germany', 'Vietnamese, German']) await tom.send(answer);
    expect((await tom.send('Ten years of pipelines.'))[0]?.text).toContain('Profile saved');
    const user = await userOf('telegram', String(tom.user.id));
    expect(await api.service.services.experts.getOwn(user._id)).toMatchObject({ country: 'DE', city: 'Munich', languages: ['vi', 'de'] });
    expect(user.timezone).toBe('Etc/GMT-7');
  });

  it('on Discord, names each wrong field and reopens the modal with every answer kept', async () => {
    const mai = onDiscord('mai', 'vi');
    const answers = { headline: 'Kỹ sư dữ liệu', skills: 'Python', place: 'Berlin', languages: 'tiếng Việt', bio: 'Tám năm.' };
    const submitted = discord.submitModal(mai, 'form:expert', answers);
    await expect.poll(() => embedText(submitted.original), { timeout: 10_000 }).toContain('Thành phố, nước (Tokyo, Nhật Bản): Tôi chưa nhận ra nước nào trong "Berlin"');
    expect(embedText(submitted.original)).toContain('Các câu trả lời khác vẫn được giữ');
    const fix = ((submitted.original?.components ?? []) as Row[]).flatMap((r) => r.components).find((b) => b.label === 'Sửa');
    expect(fix?.custom_id).toBe('form:expert');
    const reopened = discord.clickButton(mai, fix?.custom_id ?? '', submitted.original);
    const modal = (await reopened.responded) as unknown as { type: number; data: { components: Row[] } };
    expect(modal.type).toBe(9);
    const prefilled = Object.fromEntries(modal.data.components.flatMap((r) => r.components).map((c) => [c.custom_id, c.value]));
    expect(prefilled).toEqual(answers);
    const fixed = discord.submitModal(mai, 'form:expert', { ...answers, place: 'Berlin, Đức' });
    await expect.poll(() => embedText(fixed.original), { timeout: 10_000 }).toContain('Đã lưu hồ sơ');
    const user = await userOf('discord', mai.id);
    expect(await api.service.services.experts.getOwn(user._id)).toMatchObject({ city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin' });
  });
});
