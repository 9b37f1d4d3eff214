import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { noRateLimits } from '../../support/forum.js';
import { fakePlatformSettings } from '../../support/bot-platforms.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';

type Embed = { title?: string; description?: string };
type Row = { components: { custom_id?: string; label?: string }[] };

describe('bot screens that change in place edit their own message', () => {
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let api: TestApi;
  let nextTelegramId = 7_200_000;
  let nextDiscordId = 440_000_000_000_000_000n;
  const embedText = (message: { embeds?: Embed[] } | undefined) => (message?.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');

  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000012:${'S'.repeat(32)}`, username: 'screens_test_bot', limits: null });
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    api = await startTestApi({ ...noRateLimits, ...fakePlatformSettings({ telegram, discord }), PUBLIC_URL: 'https://bridge.example.vn' }, ['api', 'bots']);
  });
  afterAll(async () => {
    await api.stop();
    await telegram.close();
    await discord.close();
  });

  it('on Telegram, settings buttons edit the settings message; pressing the current choice again changes nothing', async () => {
    const hoa = new TelegramChat(telegram, { id: (nextTelegramId += 1), first_name: 'Hoa', language_code: 'en' });
    const [settings] = await hoa.send('/settings');
    const count = telegram.sentTo(hoa.user.id).length;
    const [edited] = await hoa.press('Discord first');
    expect(edited?.messageId).toBe(settings?.messageId);
    expect(edited?.text).toContain('Channels (in order): Discord, then Telegram');
    // The same choice again: Telegram refuses an identical edit ("message is not modified");
    // the bot takes that as done, says nothing more, and the next press still works.
    telegram.pushUpdate(telegram.callbackFrom(hoa.user, 'chan:discord', settings));
    const [back] = await hoa.press('Telegram first');
    expect(back?.messageId).toBe(settings?.messageId);
    expect(back?.text).toContain('Channels (in order): Telegram, then Discord');
    expect(telegram.sentTo(hoa.user.id)).toHaveLength(count);
  });

  it('on Telegram, a digest day picked from the keyboard updates the same screen, in Vietnamese', async () => {
    const binh = new TelegramChat(telegram, { id: (nextTelegramId += 1), first_name: 'Bình', language_code: 'vi' });
    const [settings] = await binh.send('/settings');
    const [edited] = await binh.press('Thứ Sáu');
    expect(edited?.messageId).toBe(settings?.messageId);
    expect(edited?.text).toContain('Bản tin tuần: Thứ Sáu');
    expect(edited?.text).toContain('Kênh (theo thứ tự): Telegram rồi đến Discord');
  });

  it('on Discord, a settings button updates the message it is on instead of posting a copy', async () => {
    const an = { id: String((nextDiscordId += 1n)), username: 'an', locale: 'en-US' };
    const opened = discord.slashCommand(an, 'settings');
    await expect.poll(() => opened.original?.embeds?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const settings = opened.original;
    const channelId = settings?.channel_id ?? '';
    const before = discord.messagesIn(channelId).length;
    const button = ((settings?.components ?? []) as Row[]).flatMap((r) => r.components).find((b) => b.label === 'Discord first');
    const pressed = discord.clickButton(an, button?.custom_id ?? '', settings);
    expect((await pressed.responded).type).toBe(6);
    await expect.poll(() => embedText(discord.messages.find((m) => m.id === settings?.id)), { timeout: 10_000 }).toContain('Discord, then Telegram');
    expect(discord.messagesIn(channelId)).toHaveLength(before);
  });
});
