import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordSender } from '../../../jobs/senders/discord-sender.js';
import type { SendContext } from '../../../jobs/senders/send-failure.js';
import { identityModel } from '../../../src/domain/users/identity.model.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { expertWithAccounts } from '../../support/notification-world.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('Discord DM channels: opened once per person, then reused', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await FakeDiscord.start();
  });
  afterAll(async () => {
    await discord.close();
  });

  /** A sender as a freshly started worker process has it (nothing in memory). */
  const send = async (userId: string, text: string, known?: string) => {
    const opened: string[] = [];
    const context: SendContext = { deliveryId: `d${text}`.padEnd(24, '0'), from: 0, beforeRequest: async () => undefined, dmChannelId: known, onDmChannelOpened: async (id) => void opened.push(id) };
    const before = discord.requestsAdmitted;
    await new DiscordSender(discord.token, discord.restUrl).send(userId, [text], context, async () => undefined);
    return { opened, requests: discord.requestsAdmitted - before };
  };

  it('opens a DM the first time, and posts straight to a remembered one after a restart', async () => {
    discord.addUser({ id: '710000000000000001', username: 'Hà' });
    const first = await send('710000000000000001', 'first');
    expect(first.requests).toBe(2);
    expect(first.opened).toHaveLength(1);
    const second = await send('710000000000000001', 'second', first.opened[0]);
    expect(second).toEqual({ opened: [], requests: 1 });
    expect(discord.messages.filter((m) => m.channel_id === first.opened[0]).map((m) => m.content)).toEqual(['first', 'second']);
  });

  it('opens a fresh DM when Discord no longer knows the remembered one', async () => {
    discord.addUser({ id: '710000000000000002', username: 'Khoa' });
    const sent = await send('710000000000000002', 'again', '799999999999999999');
    expect(sent.opened).toHaveLength(1);
    expect(discord.messages.filter((m) => m.channel_id === sent.opened[0]).map((m) => m.content)).toEqual(['again']);
  });
});

describe('the deliver worker remembers the DM channel it opened', () => {
  let api: TestApi;
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await FakeDiscord.start();
    api = await startTestApi({ DISCORD_BOT_TOKEN: discord.token, DISCORD_API_BASE: discord.restUrl }, ['api', 'worker']);
  });
  afterAll(async () => {
    await api.stop();
    await discord.close();
  });

  it('stores it on the person’s Discord account once the first message went out', async () => {
    discord.addUser({ id: '720000000000000001', username: 'Lâm' });
    await expertWithAccounts(api, 'Lâm', { discord: '720000000000000001' });
    const organiser = await api.tokenFor(['organiser']);
    const created = await api.call('POST', '/broadcasts', { token: organiser, body: { segment: { audience: 'everyone' }, text: { en: 'Remember me' } } });
    expect(created.status).toBe(201);
    await expect.poll(() => discord.messages.filter((m) => m.content.includes('Remember me')).length, { timeout: 20_000, interval: 100 }).toBe(1);
    const [message] = discord.messages.filter((m) => m.content.includes('Remember me'));
    const identity = await identityModel(api.service.connection).findById('discord:720000000000000001').lean();
    expect(identity?.dmChannelId).toBe(message?.channel_id);
  });
});
