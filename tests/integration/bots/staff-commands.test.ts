import { SYSTEM_ACTOR } from '../../../src/domain/auth/access.js';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { createCategory, createThread, must, noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';
import { fakePlatformSettings } from '../../support/bot-platforms.js';

describe('bots for firm staff, organisers and moderators', () => {
  let telegram: FakeTelegram;
  let discord: FakeDiscord;
  let api: TestApi;
  let nextId = 8_000_000;

  /** A Telegram chat joined to an API account with these roles (through a link code, as people do it). */
  async function staffOnTelegram(roles: ('organiser' | 'moderator' | 'admin')[], name: string, language_code = 'en') {
    const token = await api.tokenFor(roles, name);
    const userId = new Types.ObjectId((await must(api.call('GET', '/me', { token }), 200)).id as string);
    const { code } = await api.service.services.links.createCode(userId);
    const chat = new TelegramChat(telegram, { id: (nextId += 1), first_name: name, language_code });
    expect((await chat.send(`/start ${code}`))[0]?.text).toMatch(/linked|liên kết/);
    // The API account's language survives the link; switch as a Vietnamese speaker would.
    if (language_code === 'vi') await chat.send('/lang').then(() => chat.press('Tiếng Việt'));
    return { chat, token };
  }

  beforeAll(async () => {
    telegram = await FakeTelegram.start({ token: `7000006:${'F'.repeat(32)}`, username: 'staff_bot', limits: null });
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    api = await startTestApi(
      {
        ...noRateLimits,
        ...fakePlatformSettings({ telegram, discord }),
      },
      ['api', 'bots'],
    );
  }, 30_000);
  afterAll(async () => {
    await api.stop();
    await telegram.close();
    await discord.close();
  });

  it('lets a firm’s member draft a request step by step and publish it once the firm is verified', async () => {
    const stranger = new TelegramChat(telegram, { id: (nextId += 1), first_name: 'Khách', language_code: 'vi' });
    expect((await stranger.send('/newrequest'))[0]?.text).toContain('chưa thuộc doanh nghiệp');
    const { chat: owner, token } = await staffOnTelegram([], 'Chủ Huế Soft', 'vi');
    const firm = await must(api.call('POST', '/firms', { token, body: { name: 'Huế Soft', sector: 'software', size: '1-10', city: 'Huế' } }));
    await owner.send('/newrequest');
    expect((await owner.press('Huế Soft'))[0]?.text).toContain('Tiêu đề yêu cầu');
    await owner.send('Cố vấn kiến trúc dữ liệu');
    await owner.send('Chúng tôi cần người xem lại kho dữ liệu.');
    await owner.send('Spark, SQL');
    const [drafted] = await owner.send('-');
    expect(drafted?.text).toContain('Đã lưu bản nháp (kỹ năng: Spark, SQL)');
    const [refused] = await owner.press('Đăng');
    expect(refused?.text).not.toContain('Đã đăng');
    const moderator = await api.tokenFor(['moderator']);
    await must(api.call('PUT', `/firms/${firm.id}/verification`, { token: moderator, body: { verified: true } }), 200);
    expect((await owner.press('Đăng'))[0]?.text).toContain('Đã đăng');
    const open = await must(api.call('GET', `/requests?firmId=${firm.id}`), 200);
    expect(open.items[0].title.vi).toBe('Cố vấn kiến trúc dữ liệu');
  });

  it('opens the same request form as a Discord modal from the firm button', async () => {
    const ownerToken = await api.tokenFor([], 'Discord owner');
    const ownerId = new Types.ObjectId((await must(api.call('GET', '/me', { token: ownerToken }), 200)).id as string);
    const firm = await must(api.call('POST', '/firms', { token: ownerToken, body: { name: 'Đà Nẵng Cloud', sector: 'software', size: '1-10', city: 'Đà Nẵng' } }));
    const { code } = await api.service.services.links.createCode(ownerId);
    const user = { id: '440000000000000001', username: 'owner', locale: 'en-US' };
    const link = discord.slashCommand(user, 'link', { code });
    // Linking merges two accounts (a dozen steps): on a loaded machine that takes more than a second.
    await expect.poll(() => link.original?.embeds?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const picked = discord.slashCommand(user, 'newrequest');
    await expect.poll(() => picked.original?.components?.length ?? 0).toBeGreaterThan(0);
    const formButton = `form:requestform:${firm.id}`;
    expect(await discord.clickButton(user, formButton).responded).toMatchObject({ type: 9, data: { custom_id: formButton, title: 'Collaboration request' } });
    const submitted = discord.submitModal(user, formButton, { title: 'Cloud cost review', body: 'Review our AWS bill and setup.', must: 'AWS', nice: '' });
    await expect.poll(() => submitted.original?.embeds?.[0]?.description ?? '').toContain('Draft saved (skills: AWS)');
  });

  it('lets an organiser announce to an audience after seeing how many it reaches, and follow its progress', async () => {
    const member = new TelegramChat(telegram, { id: (nextId += 1), first_name: 'Member', language_code: 'en' });
    expect((await member.send('/announce'))[0]?.text).toContain('Your roles do not allow');
    const { chat: organiser } = await staffOnTelegram(['organiser'], 'Ban tổ chức');
    await organiser.send('/announce');
    expect((await organiser.press('Everyone'))[0]?.text).toContain('Vietnamese text');
    await organiser.send('Hội chợ CNTT mở cửa thứ Bảy.');
    const [preview] = await organiser.send('The IT fair opens on Saturday.');
    expect(preview?.text).toMatch(/This reaches \d+ (person|people) \(\d+ on Telegram, \d+ on Discord/);
    expect((await organiser.press('Send now'))[0]?.text).toContain('Sending');
    const broadcasts = await api.service.services.broadcasts.list(SYSTEM_ACTOR, { limit: 5 });
    expect(broadcasts.items[0]?.text).toEqual({ vi: 'Hội chợ CNTT mở cửa thứ Bảy.', en: 'The IT fair opens on Saturday.' });
    expect((await organiser.press('Progress'))[0]?.text).toMatch(/telegram: \d+ sent, \d+ pending, \d+ failed/);
  });

  it('gives moderators the flagged queue with Hide and Keep, and nobody else', async () => {
    const admin = await api.tokenFor(['admin']);
    const categoryId = await createCategory(api, admin);
    const author = await api.tokenFor([], 'Người bán hàng');
    const threadId = await createThread(api, author, categoryId, { title: 'Mua ngay giá rẻ' });
    const reader = await api.tokenFor([], 'Người đọc');
    await must(api.call('POST', `/forum/threads/${threadId}/flags`, { token: reader, body: { reason: 'spam' } }));
    const member = new TelegramChat(telegram, { id: (nextId += 1), first_name: 'Thành viên', language_code: 'vi' });
    expect((await member.send('/flagged'))[0]?.text).toContain('không được phép');
    const { chat: moderator } = await staffOnTelegram(['moderator'], 'Điều hành viên', 'vi');
    const [queue] = await moderator.send('/flagged');
    expect(queue?.text).toContain('Mua ngay giá rẻ — Người bán hàng [spam×1]');
    expect((await moderator.press('1. Ẩn'))[0]?.text).toBe('Đã ẩn.');
    expect((await api.call('GET', `/forum/threads/${threadId}`)).status).toBe(404);
    expect((await moderator.send('/flagged'))[0]?.text).toContain('Không có gì chờ xử lý');
  });
});
