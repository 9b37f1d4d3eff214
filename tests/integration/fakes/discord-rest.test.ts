import { DiscordAPIError, REST, Routes, type APIChannel, type APIMessage } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../support/fake-discord/index.js';

/** The DiscordAPIError a call ended with (fails the test if the call succeeded). */
async function refusal(call: Promise<unknown>): Promise<DiscordAPIError> {
  const error: unknown = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}

describe('fake Discord REST through the real @discordjs/rest client', () => {
  let fake: FakeDiscord;
  let rest: REST;
  let channel: string;

  const send = (body: Record<string, unknown>, client = rest, to = channel) =>
    client.post(Routes.channelMessages(to), { body }) as Promise<APIMessage>;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    rest = new REST({ api: fake.restUrl }).setToken(fake.token);
    channel = fake.defaultChannelId;
  });
  afterEach(async () => {
    await fake.close();
  });

  it('creates a message and refuses a wrong token with 401 code 0', async () => {
    const message = await send({ content: 'Hội thảo AI — 12/5' });
    expect(message).toMatchObject({ channel_id: channel, content: 'Hội thảo AI — 12/5', author: { bot: true } });
    expect(fake.messages.map((m) => m.id)).toEqual([message.id]);
    const stranger = new REST({ api: fake.restUrl }).setToken('wrong');
    const error = await refusal(send({ content: 'x' }, stranger));
    expect([error.status, error.code, error.message]).toEqual([401, 0, '401: Unauthorized']);
  });

  it('refuses content over 2000 characters with 50035 and the errors shape', async () => {
    const error = await refusal(send({ content: 'a'.repeat(2001) }));
    expect([error.status, error.code]).toEqual([400, 50035]);
    expect(error.rawError).toMatchObject({
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
    });
    expect((await refusal(send({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }))).code).toBe(50035);
    expect((await refusal(send({}))).code).toBe(50006);
  });

  it('answers 404/10003 for an unknown channel', async () => {
    const error = await refusal(send({ content: 'x' }, rest, '42'));
    expect([error.status, error.code]).toEqual([404, 10003]);
  });

  it('opens DMs to known users and refuses users who disabled DMs with 403/50007', async () => {
    fake.addUser({ id: '9001', username: 'an' });
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: '9001' } })) as APIChannel;
    await expect(send({ content: 'Chào anh' }, rest, dm.id)).resolves.toMatchObject({ channel_id: dm.id });
    fake.disableDms('9001');
    const blocked = await refusal(send({ content: 'again' }, rest, dm.id));
    expect([blocked.status, blocked.code]).toEqual([403, 50007]);
    const unknown = await refusal(rest.post(Routes.userChannels(), { body: { recipient_id: '404404' } }));
    expect([unknown.status, unknown.code]).toEqual([400, 50033]);
  });

  it('returns the same message for a repeated nonce with enforce_nonce, so retries are safe', async () => {
    const first = await send({ content: 'notice #7', nonce: 'delivery-7', enforce_nonce: true });
    const retry = await send({ content: 'notice #7', nonce: 'delivery-7', enforce_nonce: true });
    expect(retry.id).toBe(first.id);
    const withoutEnforce = await send({ content: 'notice #7', nonce: 'delivery-7' });
    expect(withoutEnforce.id).not.toBe(first.id);
    expect(fake.messages).toHaveLength(2);
  });

  it('lets one client pace itself from X-RateLimit headers without ever getting 429', async () => {
    fake.setRateLimits({ messageCreate: { limit: 2, windowMs: 500 } });
    const started = Date.now();
    await Promise.all([1, 2, 3, 4, 5].map((n) => send({ content: `m${n}` })));
    expect(fake.messages).toHaveLength(5);
    expect(fake.tooManyRequests.total).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // three windows of 500 ms
  });

  it('makes a second client sharing the token get 429, wait Retry-After and succeed', async () => {
    fake.setRateLimits({ messageCreate: { limit: 2, windowMs: 1_000 } });
    const otherWorker = new REST({ api: fake.restUrl }).setToken(fake.token);
    const rateLimited: unknown[] = [];
    otherWorker.on('response', (_request, response) => {
      if (response.status === 429) rateLimited.push(response.headers.get('retry-after'));
    });
    await send({ content: 'a' });
    await send({ content: 'b' });
    const late = await send({ content: 'c' }, otherWorker);
    expect(late.content).toBe('c');
    expect(fake.tooManyRequests.route).toBe(1);
    expect(rateLimited).toEqual(['1']);
  });

  it('enforces the global per-token limit across routes', async () => {
    fake.setRateLimits({ globalPerSecond: 3 });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => rest.get(Routes.user()) as Promise<{ bot: boolean }>));
    expect(results.every((u) => u.bot)).toBe(true);
    expect(fake.tooManyRequests.global).toBeGreaterThanOrEqual(1);
  });

  it('stores and echoes global and guild commands with ids', async () => {
    const app = fake.applicationId;
    const guild = fake.guilds[0]?.id ?? '';
    const body = [{ name: 'events', description: 'Upcoming events', options: [] }];
    const [global] = (await rest.put(Routes.applicationCommands(app), { body })) as Array<{ id: string; name: string }>;
    expect(global).toMatchObject({ name: 'events', application_id: app, id: expect.any(String) });
    await rest.put(Routes.applicationGuildCommands(app, guild), { body });
    expect(fake.commands(guild)[0]).toMatchObject({ guild_id: guild });
    const again = (await rest.put(Routes.applicationCommands(app), { body })) as Array<{ id: string }>;
    expect(again[0]?.id).toBe(global?.id); // Discord keeps ids when a command is overwritten by name
    const bad = await refusal(rest.put(Routes.applicationCommands(app), { body: [{ name: 'Events', description: 'x' }] }));
    expect(bad.code).toBe(50035);
  });
});
