import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { must, noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';
import { fakePlatformSettings } from '../../support/bot-platforms.js';

describe('announcements in groups and server channels chosen by their admins', () => {
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let api: TestApi;
  let organiser: string;
  const groupId = -100_777_000;
  const admin = { id: 9_200_001, first_name: 'Quản trị nhóm', language_code: 'vi' };
  const member = { id: 9_200_002, first_name: 'Thành viên', language_code: 'en' };
  const groupPosts = () => telegram.sentTo(groupId).map((m) => m.text);
  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000010:${'K'.repeat(32)}`, username: 'spaces_bot', limits: null });
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    telegram.addGroup(groupId, 'Kiều bào CNTT Berlin', [admin.id]);
    api = await startTestApi(
      {
        ...noRateLimits,
        ...fakePlatformSettings({ telegram, discord }),
      },
      ['api', 'worker', 'bots'],
    );
    organiser = await api.tokenFor(['organiser']);
  }, 30_000);
  afterAll(async () => {
    await api.stop();
    await telegram.close();
    await discord.close();
  });

  it('lets only a group’s admins turn announcements on, and registers the command for server managers only', async () => {
    const refused = await new TelegramChat(telegram, member, groupId).send('/announcements');
    expect(refused[0]?.text).toContain('Only the group’s or server’s admins');
    const accepted = await new TelegramChat(telegram, admin, groupId).send('/announcements');
    expect(accepted[0]?.text).toContain('sẽ được đăng ở đây');
    const command = discord.commands(discord.guilds[0]?.id).find((c) => c.name === 'announcements');
    expect(command?.default_member_permissions).toBe('32');
    expect((await new TelegramChat(telegram, member).send('/announcements'))[0]?.text).toContain('Use this in the Telegram group');
  });

  it('posts a new event in the group (in the admin’s language) and the server channel, and tells people who follow the kind', async () => {
    const channelId = discord.defaultChannelId;
    const ordinary = discord.slashCommand({ id: '480000000000000002', username: 'member', locale: 'en-US' }, 'announcements');
    await expect.poll(() => ordinary.original?.embeds?.[0]?.description ?? '').toContain('Only the group’s or server’s admins');
    const manager = { id: '480000000000000001', username: 'server-admin', locale: 'en-US', permissions: String(1n << 5n) };
    const on = discord.slashCommand(manager, 'announcements');
    await expect.poll(() => on.original?.embeds?.[0]?.description ?? '').toContain('posted here from now on');
    const follower = new TelegramChat(telegram, { id: 9_200_003, first_name: 'Fan', language_code: 'en' });
    await follower.sendUntil('/subscribe event_kind seminar', 'Following event kind: Seminar.');
    await publishedEvent(api, organiser, seminarInput({ title: { vi: 'Hội thảo An ninh mạng', en: 'Cyber security seminar' } }));
    await expect.poll(() => groupPosts().some((t) => t.includes('Hội thảo An ninh mạng')), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => discord.messagesIn(channelId).some((m) => m.content.includes('Cyber security seminar')), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => telegram.sentTo(9_200_003).some((m) => m.text.includes('Cyber security seminar')), { timeout: 20_000 }).toBe(true);
  });

  it('posts broadcasts to everyone there, but not broadcasts to a segment; and stops when turned off', async () => {
    const everyone = { segment: { audience: 'everyone' }, text: { vi: 'Hội chợ CNTT mở cửa thứ Bảy.', en: 'The IT fair opens on Saturday.' } };
    await must(api.call('POST', '/broadcasts', { token: organiser, body: everyone }));
    await expect.poll(() => groupPosts().some((t) => t.includes('Hội chợ CNTT mở cửa thứ Bảy.')), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => discord.messagesIn(discord.defaultChannelId).some((m) => m.content.includes('The IT fair opens on Saturday.')), { timeout: 20_000 }).toBe(true);
    const experts = { segment: { audience: 'experts' }, text: { vi: 'Chỉ dành cho chuyên gia.', en: 'Experts only.' } };
    await must(api.call('POST', '/broadcasts', { token: organiser, body: experts }));
    await new TelegramChat(telegram, admin, groupId).sendUntil('/announcements off', 'Đã dừng');
    await publishedEvent(api, organiser, seminarInput({ title: { vi: 'Gặp mặt sau khi tắt', en: 'Meetup after off' } }));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(groupPosts().some((t) => t.includes('Chỉ dành cho chuyên gia.'))).toBe(false);
    expect(groupPosts().some((t) => t.includes('Gặp mặt sau khi tắt'))).toBe(false);
    expect(discord.messagesIn(discord.defaultChannelId).some((m) => m.content.includes('Meetup after off'))).toBe(true);
  }, 40_000);
});
