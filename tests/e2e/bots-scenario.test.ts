import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryModel } from '../../src/domain/notifications/delivery.model.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { FakeTelegram } from '../support/fake-telegram/index.js';
import { must, noRateLimits } from '../support/forum.js';
import { requestInput } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/service.js';
import { TelegramChat } from '../support/telegram-chat.js';
import { fakePlatformSettings } from '../support/bot-platforms.js';

type Embed = { title?: string; description?: string };
type Row = { components: { custom_id?: string; label: string }[] };

/**
 * The scenario, on one service running the API, the workers and both bots: an expert
 * onboards on Telegram in Vietnamese, links Discord, gets the matching request's notice on
 * Discord, says "I'm interested" there; the firm accepts on Telegram; both see contacts.
 */
describe('an expert and a firm meet across Telegram and Discord', () => {
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let api: TestApi;
  const quanDiscord = { id: '430000000000000001', username: 'quan.berlin', globalName: 'Quân', locale: 'vi' };
  const text = (m: { embeds?: Embed[] } | undefined) => (m?.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');
  const buttons = (m: { components?: unknown[] } | undefined) => ((m?.components ?? []) as Row[]).flatMap((r) => r.components);
  async function onDiscord(record: ReturnType<FakeDiscord['slashCommand']>) {
    await record.responded;
    await expect.poll(() => record.original?.embeds?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    return record.original;
  }

  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000005:${'E'.repeat(32)}`, username: 'bridge_bot', limits: null });
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    discord.addUser(quanDiscord);
    api = await startTestApi(
      {
        ...noRateLimits,
        ...fakePlatformSettings({ telegram, discord }),
      },
      ['api', 'worker', 'bots'],
    );
  }, 60_000);
  afterAll(async () => {
    await api.stop();
    await telegram.close();
    await discord.close();
  });

  it('runs from onboarding to shared contacts', async () => {
    // 1. Onboarding on Telegram, in Vietnamese.
    const quan = new TelegramChat(telegram, { id: 7_100_001, first_name: 'Quân', username: 'quan_berlin', language_code: 'vi' });
    expect((await quan.send('/start'))[0]?.text).toContain('Chào mừng');
    await quan.send('/expert');
    await quan.send('Kỹ sư Kubernetes ở Berlin');
    await quan.send('k8s, Go, AWS');
    await quan.send('Berlin, DE');
    await quan.send('vi, en, de');
    const [saved] = await quan.send('Mười năm vận hành Kubernetes cho ngân hàng.');
    expect(saved?.text).toContain('Đã lưu hồ sơ. Kỹ năng: Kubernetes, Go, AWS');
    await quan.send('/contact');
    await quan.send('quan@example.de');
    await quan.send('-');
    await quan.send('-');
    expect((await quan.send('-'))[0]?.text).toContain('Đã lưu');

    // 2. Link Discord with a code from Telegram, and prefer Discord for notices.
    const [linkAnswer] = await quan.send('/link');
    const code = /[A-HJ-NP-Z2-9]{8}/.exec(linkAnswer?.text ?? '')?.[0] ?? '';
    const linked = await onDiscord(discord.slashCommand(quanDiscord, 'link', { code }));
    expect(text(linked)).toContain('Đã liên kết');
    const settings = await onDiscord(discord.slashCommand(quanDiscord, 'settings'));
    const discordFirst = buttons(settings).find((b) => b.label === 'Ưu tiên Discord');
    // The settings screen changes in place: the message the button is on is edited.
    discord.clickButton(quanDiscord, discordFirst?.custom_id ?? '', settings);
    await expect.poll(() => text(discord.messages.find((m) => m.id === settings?.id)), { timeout: 10_000 }).toContain('Discord rồi đến Telegram');

    // 3. A firm publishes a matching request; the notice reaches Quân as a Discord DM.
    const owner = await api.tokenFor([], 'Chị Lan (Sông Hàn Tech)');
    await api.call('PATCH', '/me', { token: owner, body: { contact: { email: 'lan@songhan.vn' } } });
    const moderator = await api.tokenFor(['moderator']);
    const firm = await must(api.call('POST', '/firms', { token: owner, body: { name: 'Sông Hàn Tech', sector: 'software', size: '11-50', city: 'Đà Nẵng' } }));
    await must(api.call('PUT', `/firms/${firm.id}/verification`, { token: moderator, body: { verified: true } }), 200);
    const draft = await must(api.call('POST', `/firms/${firm.id}/requests`, { token: owner, body: requestInput }));
    await must(api.call('POST', `/requests/${draft.id}/publish`, { token: owner }), 200);
    await expect
      .poll(() => discord.messages.filter((m) => m.content.includes('Tư vấn chuyển đổi lên Kubernetes')).length, { timeout: 20_000, interval: 200 })
      .toBe(1);
    const quanUser = await api.service.services.users.findOrCreateByIdentity('telegram', '7100001', { displayName: 'x' });
    expect(await deliveryModel(api.service.connection).countDocuments({ userId: quanUser._id, channel: 'discord', status: 'sent' })).toBe(1);
    expect(telegram.sentTo(7_100_001).some((m) => m.text.includes('Tư vấn chuyển đổi'))).toBe(false);

    // 4. On Discord, Quân says he is interested.
    const list = await onDiscord(discord.slashCommand(quanDiscord, 'matches'));
    expect(text(list)).toContain('Tư vấn chuyển đổi lên Kubernetes');
    const detail = await onDiscord(discord.clickButton(quanDiscord, buttons(list)[0]?.custom_id ?? ''));
    const interested = buttons(detail).find((b) => b.label === 'Tôi quan tâm');
    expect(text(await onDiscord(discord.clickButton(quanDiscord, interested?.custom_id ?? '')))).toContain('Đã gửi đến doanh nghiệp');

    // 5. The firm owner, on Telegram, accepts; both now see both contacts.
    const ownerUserId = new Types.ObjectId((await must(api.call('GET', '/me', { token: owner }), 200)).id as string);
    const { code: ownerCode } = await api.service.services.links.createCode(ownerUserId);
    const lan = new TelegramChat(telegram, { id: 7_100_002, first_name: 'Lan', language_code: 'en' });
    await lan.send(`/start ${ownerCode}`);
    await lan.sendUntil('/intros', 'waiting for an answer');
    const accepted = await lan.pressUntil('1. Accept', 'quan@example.de');
    expect(accepted.text).toContain('lan@songhan.vn');
    const quanIntros = await onDiscord(discord.slashCommand(quanDiscord, 'intros'));
    expect(text(quanIntros)).toContain('lan@songhan.vn');
  }, 60_000);

  it('runs the other way round in English: onboarding on Discord, the notice on Telegram, the firm on Discord', async () => {
    const mai = { id: '430000000000000002', username: 'mai.tokyo', globalName: 'Mai', locale: 'en-US' };
    discord.addUser(mai);
    // 1. Onboarding on Discord: the profile form is a modal.
    await onDiscord(discord.slashCommand(mai, 'start'));
    expect((await discord.slashCommand(mai, 'expert').responded).type).toBe(9);
    const profile = discord.submitModal(mai, 'form:expert', {
      headline: 'Mobile lead in Tokyo',
      skills: 'Flutter, Kotlin',
      place: 'Tokyo, JP',
      languages: 'vi, en, ja',
      bio: 'Ten years of mobile apps.',
    });
    expect(text(await onDiscord(profile))).toContain('Profile saved. Skills: Flutter, Kotlin');
    expect((await onDiscord(discord.submitModal(mai, 'form:contact', { email: 'mai@example.jp', phone: '', linkedin: '', website: '' })))?.embeds?.[0]?.description).toContain('Saved');

    // 2. Link Telegram with the Discord code; Telegram stays first for notices (the default).
    const code = /[A-HJ-NP-Z2-9]{8}/.exec(text(await onDiscord(discord.slashCommand(mai, 'link'))))?.[0] ?? '';
    const maiTelegram = new TelegramChat(telegram, { id: 7_100_003, first_name: 'Mai', language_code: 'en' });
    expect((await maiTelegram.send(`/link ${code}`))[0]?.text).toContain('Accounts linked');

    // 3. A firm publishes a Flutter request; the notice reaches Mai on Telegram, in English.
    const owner = await api.tokenFor([], 'Anh Huy (Hải Phòng Apps)');
    await api.call('PATCH', '/me', { token: owner, body: { contact: { phone: '+84 225 000 111' } } });
    const moderator = await api.tokenFor(['moderator']);
    const firm = await must(api.call('POST', '/firms', { token: owner, body: { name: 'Hải Phòng Apps', sector: 'software', size: '11-50', city: 'Hải Phòng' } }));
    await must(api.call('PUT', `/firms/${firm.id}/verification`, { token: moderator, body: { verified: true } }), 200);
    const flutter = { ...requestInput, title: { vi: 'Cố vấn Flutter', en: 'Flutter mentoring' }, skillsMust: ['flutter'], skillsNice: [], engagementType: 'remote_consulting' };
    const draft = await must(api.call('POST', `/firms/${firm.id}/requests`, { token: owner, body: flutter }));
    await must(api.call('POST', `/requests/${draft.id}/publish`, { token: owner }), 200);
    await expect.poll(() => telegram.sentTo(7_100_003).filter((m) => m.text.includes('Flutter mentoring')).length, { timeout: 20_000, interval: 200 }).toBe(1);

    // 4. On Telegram, Mai says she is interested.
    await maiTelegram.sendUntil('/matches', 'Flutter mentoring —');
    await maiTelegram.pressUntil('1', 'Must have: Flutter');
    await maiTelegram.pressUntil('I’m interested', 'Sent to the firm');

    // 5. The firm owner accepts on Discord (after linking the API account there); contacts are shared.
    const huy = { id: '430000000000000003', username: 'huy', globalName: 'Huy', locale: 'vi' };
    const ownerUserId = new Types.ObjectId((await must(api.call('GET', '/me', { token: owner }), 200)).id as string);
    const { code: ownerCode } = await api.service.services.links.createCode(ownerUserId);
    await onDiscord(discord.slashCommand(huy, 'link', { code: ownerCode }));
    const intros = await onDiscord(discord.slashCommand(huy, 'intros'));
    expect(text(intros)).toContain('waiting for an answer'); // the API account's language survives the link
    const accept = buttons(intros).find((b) => b.label === '1. Accept');
    const accepted = await onDiscord(discord.clickButton(huy, accept?.custom_id ?? ''));
    expect(text(accepted)).toContain('mai@example.jp');
    expect(text(accepted)).toContain('+84 225 000 111');
    await maiTelegram.sendUntil('/intros', '+84 225 000 111');
  }, 60_000);
});
