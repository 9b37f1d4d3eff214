import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('Discord HTTP interactions endpoint: Ed25519-signed requests only', () => {
  let discord: FakeDiscord;
  let api: TestApi;
  let endpoint: string;
  const user = { id: '460000000000000001', username: 'linh', locale: 'vi' };
  beforeAll(async () => {
    discord = await FakeDiscord.start();
    api = await startTestApi(
      { ...noRateLimits, DISCORD_PUBLIC_KEY: discord.outgoing.publicKeyHex, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_BASE: discord.restUrl },
      ['bots'],
    );
    endpoint = `${api.url}/discord/interactions`;
    discord.useInteractionsEndpoint(endpoint);
  });
  afterAll(async () => {
    await api.stop();
    await discord.close();
  });
  const post = (body: string, headers: Record<string, string>) => fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (body: string, at = Math.floor(Date.now() / 1000)) => ({
    'x-signature-ed25519': discord.outgoing.signature(String(at), body),
    'x-signature-timestamp': String(at),
  });

  it('answers Discord’s PING with PONG', async () => {
    expect(await discord.pingEndpoint()).toMatchObject({ status: 200, answer: { type: 1 } });
  });

  it('defers a command at once and edits the answer in through the interaction webhook', async () => {
    const record = discord.slashCommand(user, 'help');
    expect((await record.responded).type).toBe(5);
    await expect.poll(() => record.original?.embeds?.[0]?.description ?? '').toContain('/requests');
    expect(record.original?.embeds?.[0]?.title).toBe('Các lệnh');
  });

  it('opens a form as a modal, takes its submission, and completes from the endpoint', async () => {
    expect(await discord.slashCommand(user, 'ask').responded).toMatchObject({ type: 9, data: { custom_id: 'form:ask' } });
    const submitted = discord.submitModal(user, 'form:ask', { title: 'x', body: 'y' });
    await expect.poll(() => submitted.original?.embeds?.[0]?.description ?? '').toContain('Cần từ 3 đến 200 ký tự');
    const auto = await discord.autocomplete(user, 'requests', { name: 'words', value: 'zz' }).responded;
    expect(auto).toMatchObject({ type: 8, data: { choices: [] } });
  });

  it('refuses forged, replayed, tampered and unsigned requests with 401, and junk with 400', async () => {
    const ping = JSON.stringify({ id: '1', token: 't', type: 1 });
    expect((await post(ping, {})).status).toBe(401);
    expect((await post(ping, { 'x-signature-ed25519': 'ab'.repeat(64), 'x-signature-timestamp': String(Math.floor(Date.now() / 1000)) })).status).toBe(401);
    expect((await post(ping, signed(ping, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    const other = JSON.stringify({ id: '2', token: 't', type: 1 });
    expect((await post(ping, signed(other))).status).toBe(401);
    expect((await post('not json', signed('not json'))).status).toBe(400);
    expect((await post(ping, signed(ping))).status).toBe(200);
  });
});
