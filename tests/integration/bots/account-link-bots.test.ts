import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePlatformSettings } from '../../support/bot-platforms.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';

type Embed = { title?: string; description?: string };
type Row = { components: { custom_id?: string; label: string; url?: string }[] };
const CODE = /\b[A-HJ-NP-Z2-9]{8}\b/;

describe('/link on Telegram and Discord, through the real clients', () => {
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let api: TestApi;
  let nextTelegramId = 6_100_000;
  let nextDiscordId = 610_000_000_000_000_000n;
  const telegramPerson = (first_name: string, language_code: string) =>
    new TelegramChat(telegram, { id: (nextTelegramId += 1), first_name, language_code });
  const discordPerson = (username: string, locale: string) => ({ id: String((nextDiscordId += 1n)), username, locale });
  const text = (message: { embeds?: Embed[] } | undefined) => (message?.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');
  const buttons = (message: { components?: unknown[] } | undefined) => ((message?.components ?? []) as Row[]).flatMap((r) => r.components);
  async function slash(user: ReturnType<typeof discordPerson>, name: string, options: Record<string, string> = {}) {
    const record = discord.slashCommand(user, name, options);
    await record.responded;
    await expect.poll(() => record.original?.embeds?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    return record.original;
  }
  const userOf = async (provider: 'telegram' | 'discord', externalId: string | number) =>
    (await api.service.connection.collection('identities').findOne({ _id: `${provider}:${externalId}` as never }))?.userId as unknown;

  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000011:${'L'.repeat(32)}`, username: 'bridge_link_bot', limits: null });
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    api = await startTestApi({ ...noRateLimits, ...fakePlatformSettings({ telegram, discord }), PUBLIC_URL: 'https://bridge.example.vn' }, ['api', 'bots']);
  });
  afterAll(async () => {
    await api.stop();
    await telegram.close();
    await discord.close();
  });

  it('on Telegram gives a code with Discord instructions and no deep-link button; pressing one’s own code keeps it valid', async () => {
    const lan = telegramPerson('Lan', 'en');
    const [answer] = await lan.send('/link');
    const code = answer?.text.match(CODE)?.[0];
    expect(code).toBeDefined();
    expect(answer?.text).toContain('On Discord, use /link');
    expect(answer?.replyMarkup?.inline_keyboard.flat().some((b) => 'url' in b && b.url?.includes('t.me'))).not.toBe(true);

    // The same Telegram account tries it anyway (as a forwarded deep link would): refused, not spent.
    const [own] = await lan.send(`/start ${code}`);
    expect(own?.text).toContain('This code is your own');

    const lanOnDiscord = discordPerson('lan_dev', 'en-US');
    const linked = await slash(lanOnDiscord, 'link', { code: code ?? '' });
    expect(text(linked)).toContain('Accounts linked');
    expect(String(await userOf('discord', lanOnDiscord.id))).toBe(String(await userOf('telegram', lan.user.id)));
  });

  it('on Discord offers the Telegram deep link, which links the Telegram account and says which language stays', async () => {
    const minh = discordPerson('minh', 'en-US');
    const answer = await slash(minh, 'link');
    const code = text(answer).match(CODE)?.[0];
    expect(code).toBeDefined();
    const open = buttons(answer).find((b) => b.url);
    expect(open).toMatchObject({ label: 'Open in Telegram', url: `https://t.me/bridge_link_bot?start=${code}` });

    // Pressing the button opens Telegram, which sends /start CODE from the person's Telegram account.
    const minhOnTelegram = telegramPerson('Minh', 'vi');
    const [linked] = await minhOnTelegram.send(`/start ${code}`);
    expect(linked?.text).toContain('Đã liên kết tài khoản');
    expect(linked?.text).toContain('Tài khoản đã liên kết dùng tiếng Anh');
    expect(String(await userOf('telegram', minhOnTelegram.user.id))).toBe(String(await userOf('discord', minh.id)));
    // From now on the joined account answers in its language, as announced.
    expect((await minhOnTelegram.send('/help'))[0]?.text).toContain('Browse open collaboration requests');
  });

  it('refuses to join two Telegram accounts, politely in the person’s language, and the code still works', async () => {
    const first = telegramPerson('Hoa', 'en');
    const second = telegramPerson('Hoa phụ', 'vi');
    const code = (await first.send('/link'))[0]?.text.match(CODE)?.[0];
    const [refused] = await second.send(`/link ${code}`);
    expect(refused?.text).toContain('Hai tài khoản này cùng ở Telegram');
    expect(String(await userOf('telegram', second.user.id))).not.toBe(String(await userOf('telegram', first.user.id)));

    const hoaOnDiscord = discordPerson('hoa', 'vi');
    expect(text(await slash(hoaOnDiscord, 'link', { code: code ?? '' }))).toContain('Đã liên kết tài khoản');
  });
});
