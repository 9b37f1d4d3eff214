import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedEvent, seminarInput } from '../../support/events.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { createCategory, must, noRateLimits } from '../../support/forum.js';
import { expertWithAccounts, publishFixtureRequest } from '../../support/notification-world.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { fakePlatformSettings } from '../../support/bot-platforms.js';

type Embed = { title?: string; description?: string };
type Row = { components: { custom_id?: string; label: string; url?: string }[] };

describe('Discord bot: slash commands, buttons, autocomplete and modals through the real discord.js client', () => {
  let discord: FakeDiscord;
  let api: TestApi;
  let admin: string;
  let nextId = 420_000_000_000_000_000n;
  const person = (username: string, locale = 'en-US') => ({ id: String((nextId += 1n)), username, locale });
  const text = (message: { embeds?: Embed[] } | undefined) => (message?.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');
  const buttons = (message: { components?: unknown[] } | undefined) => ((message?.components ?? []) as Row[]).flatMap((r) => r.components);
  /** Runs a slash command and waits for the deferred reply to be filled in. */
  async function slash(user: ReturnType<typeof person>, name: string, options: Record<string, string> = {}, place?: { dm?: boolean }) {
    const record = discord.slashCommand(user, name, options, place ? { place } : {});
    await record.responded;
    await expect.poll(() => record.original?.embeds?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    return record;
  }
  async function click(user: ReturnType<typeof person>, customId: string) {
    const record = discord.clickButton(user, customId);
    await record.responded;
    await expect.poll(() => record.original?.embeds?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    return record;
  }

  beforeAll(async () => {
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    api = await startTestApi(
      {
        ...noRateLimits,
        ...fakePlatformSettings({ discord }),
        PUBLIC_URL: 'https://bridge.example.vn',
      },
      ['api', 'bots'],
    );
    admin = await api.tokenFor(['admin']);
  });
  afterAll(async () => {
    await api.stop();
    await discord.close();
  });

  it('registers the core commands to the guild, in English with Vietnamese descriptions', () => {
    const commands = discord.commands(discord.guilds[0]?.id);
    const requests = commands.find((c) => c.name === 'requests');
    expect(requests?.description_localizations?.vi).toContain('yêu cầu');
    expect(requests?.options?.[0]).toMatchObject({ name: 'words', type: 3, required: false, autocomplete: true });
    expect(commands.find((c) => c.name === 'ask')?.options ?? []).toEqual([]);
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['events', 'token', 'link', 'subscribe', 'search']));
  });

  it('answers a public command in the channel, deferred first so it never misses the 3 seconds', async () => {
    const organiser = await api.tokenFor(['organiser']);
    await publishedEvent(api, organiser, seminarInput({ title: { vi: 'Hội thảo AI', en: 'AI seminar' } }));
    const record = await slash(person('lan', 'vi'), 'events');
    expect(record.response?.type).toBe(5);
    expect(record.original?.flags ?? 0).toBe(0);
    expect(text(record.original)).toContain('Hội thảo AI');
  });

  it('keeps personal answers ephemeral in a server: a token only its owner sees, and it works', async () => {
    const minh = person('minh');
    const record = await slash(minh, 'token');
    expect(record.original?.flags).toBe(64);
    const token = /vnb_[A-Za-z0-9_-]+/.exec(text(record.original))?.[0];
    expect((await must(api.call('GET', '/me', { token }), 200)).displayName).toBe('minh');
  });

  it('suggests skills while typing, lists requests, and takes "I\'m interested" from a button', async () => {
    await publishFixtureRequest(api);
    const hai = person('hai');
    await expertWithAccounts(api, 'Hải', { discord: hai.id });
    const auto = await discord.autocomplete(hai, 'requests', { name: 'words', value: 'kube' }).responded;
    expect((auto.data?.choices as { value: string }[] | undefined)?.map((c) => c.value)).toContain('kubernetes');
    const list = await slash(hai, 'requests', { words: 'kubernetes' });
    expect(text(list.original)).toContain('Kubernetes migration consulting');
    const detail = await click(hai, buttons(list.original)[0]?.custom_id ?? '');
    expect(detail.original?.flags).toBe(64);
    const interested = buttons(detail.original).find((b) => b.label === 'I’m interested');
    const sent = await click(hai, interested?.custom_id ?? '');
    expect(text(sent.original)).toContain('Sent to the firm');
  });

  it('asks a forum question through a modal, then a category button', async () => {
    const categoryId = await createCategory(api, admin, 'Cloud');
    const thu = person('thu', 'vi');
    const opened = discord.slashCommand(thu, 'ask');
    expect(await opened.responded).toMatchObject({ type: 9, data: { custom_id: 'form:ask', title: 'Câu hỏi mới' } });
    const submitted = discord.submitModal(thu, 'form:ask', { title: 'Ai dùng Rust ở Huế?', body: 'Tìm người cùng làm dự án nhúng.' });
    await submitted.responded;
    await expect.poll(() => submitted.original?.embeds?.length ?? 0).toBeGreaterThan(0);
    const category = buttons(submitted.original).find((b) => b.label === 'Cloud');
    const posted = await click(thu, category?.custom_id ?? '');
    expect(text(posted.original)).toContain('Đã đăng: Ai dùng Rust ở Huế?');
    const threads = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}`), 200);
    expect(threads.items[0]).toMatchObject({ title: 'Ai dùng Rust ở Huế?', locale: 'vi' });
  });

  it('refuses a modal that breaks the limits, and escapes markdown and mentions', async () => {
    const kim = person('kim');
    const bad = discord.submitModal(kim, 'form:ask', { title: 'x', body: 'y' });
    await bad.responded;
    await expect.poll(() => text(bad.original)).toContain('3 to 200 characters');
    const record = await slash(kim, 'search', { words: '**bold** @everyone' });
    expect(text(record.original)).toContain('\\*\\*bold\\*\\*');
    expect(record.original?.mention_everyone ?? false).toBe(false);
  });

  it('offers the digest day as a select menu and applies the choice', async () => {
    const an = person('an');
    const settings = await slash(an, 'settings');
    const menu = ((settings.original?.components ?? []) as { components: { type: number; custom_id?: string; options?: { value: string }[] }[] }[])
      .flatMap((r) => r.components)
      .find((c) => c.type === 3);
    expect(menu?.custom_id).toBe('digest');
    expect(menu?.options?.map((o) => o.value)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'off']);
    const picked = discord.selectMenu(an, 'digest', ['fri']);
    await expect.poll(() => text(picked.original)).toContain('Weekly digest: Friday');
    expect(picked.original?.flags).toBe(64);
  });

  it('works in a direct message too', async () => {
    const record = await slash(person('dm'), 'help', {}, { dm: true });
    expect(text(record.original)).toContain('/requests');
  });
});
