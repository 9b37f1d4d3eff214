import { afterEach, describe, expect, it } from 'vitest';
import { startService, type RunningService, type ServiceRole } from '../../../src/service.js';
import { fakePlatformSettings, freePort } from '../../support/bot-platforms.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { FakeTelegram } from '../../support/fake-telegram/index.js';
import { testConfig } from '../../support/service.js';
import { TelegramChat } from '../../support/telegram-chat.js';

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Bot platforms failing at start or mid-run', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(settings: Record<string, string>, log: ReturnType<typeof capturingLogger>, roles: ServiceRole[] = ['api', 'worker', 'bots']): Promise<RunningService> {
    const service = await startService(testConfig(settings), log.logger, { roles });
    cleanups.push(async () => {
      await service.connection.dropDatabase();
      await service.stop();
    });
    return service;
  }

  const ready = async (service: RunningService) => (await fetch(`${service.url}/readyz`)).status;

  it.each([500, 404])('keeps serving when setMyCommands answers %i, and sets the commands once Telegram recovers', async (status) => {
    const telegram = await FakeTelegram.start({ token: `7000011:${'E'.repeat(32)}`, limits: null });
    cleanups.push(() => telegram.close());
    telegram.failMethod('setMyCommands', status, status === 404 ? 'Not Found' : 'Internal Server Error');
    const log = capturingLogger();

    const service = await start(fakePlatformSettings({ telegram }), log);

    expect(await ready(service)).toBe(200);
    // The bot itself still answers while its command menu is missing.
    const chat = new TelegramChat(telegram, { id: 6_100_001, first_name: 'Lan', language_code: 'en' });
    expect((await chat.send('/start'))[0]?.text).toContain('Welcome');
    await until('a background retry of setMyCommands', () => telegram.callsOf('setMyCommands').filter((c) => c.status === status).length >= 2);
    expect(telegram.commands()).toEqual([]);
    telegram.restoreMethod('setMyCommands');
    await until('the command menu to be set', () => telegram.commands().length > 0 && telegram.commands({ type: 'default' }, 'vi').length > 0);
    expect(log.count(/setting the command menu failed/)).toBeGreaterThanOrEqual(1);
    await until('the recovery to be logged', () => log.count(/setting the command menu succeeded after retrying/) === 1);
  });

  it('keeps serving when setWebhook fails, sets the webhook once Telegram recovers, and answers through it', async () => {
    const telegram = await FakeTelegram.start({ token: `7000012:${'F'.repeat(32)}`, limits: null });
    cleanups.push(() => telegram.close());
    telegram.failMethod('setWebhook', 502, 'Bad Gateway');
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/telegram/webhook`;
    const log = capturingLogger();

    const service = await start(
      { ...fakePlatformSettings({ telegram }), PORT: String(port), TELEGRAM_WEBHOOK_URL: hook, TELEGRAM_WEBHOOK_SECRET: 'webhook-secret-0123456789' },
      log,
    );

    expect(await ready(service)).toBe(200);
    expect(telegram.webhook.url).toBe('');
    await until('a background retry of setWebhook', () => telegram.callsOf('setWebhook').length >= 2);
    telegram.restoreMethod('setWebhook');
    await until('the webhook to be set', () => telegram.webhook.url === hook);
    const lan = { id: 6_100_003, first_name: 'Lan', language_code: 'en' };
    expect((await telegram.deliverToWebhook(telegram.commandFrom(lan, 'start'))).status).toBe(200);
    await until('the answer', () => telegram.sentTo(lan.id).length > 0);
    expect(telegram.sentTo(lan.id)[0]?.text).toContain('Welcome');
    await until('the recovery to be logged', () => log.count(/setting the webhook succeeded after retrying/) === 1);
  });

  it('listens again within seconds of a getUpdates outage ending, logging its start and end once', async () => {
    const telegram = await FakeTelegram.start({ token: `7000011:${'E'.repeat(32)}`, limits: null });
    cleanups.push(() => telegram.close());
    const log = capturingLogger();
    await start(fakePlatformSettings({ telegram }), log, ['api', 'bots']);
    const chat = new TelegramChat(telegram, { id: 6_100_002, first_name: 'Minh', language_code: 'en' });
    expect((await chat.send('/start'))[0]?.text).toContain('Welcome');

    telegram.failMethod('getUpdates', 502, 'Bad Gateway');
    // Answering this releases the long poll that was waiting; every poll after it fails.
    await chat.send('/help');
    await until('seven failed polls', () => telegram.callsOf('getUpdates').filter((c) => c.status === 502).length >= 7, 40_000);
    telegram.pushUpdate(telegram.textFrom(chat.user, '/start'));
    const answered = telegram.sentTo(chat.user.id).length;
    telegram.restoreMethod('getUpdates');

    // How soon is the transformer's own test (tests/unit/bots/polling-outage.test.ts), on a controlled clock.
    await until('the answer to the message queued during the outage', () => telegram.sentTo(chat.user.id).length > answered, 20_000);
    expect(log.count(/telegram bot api unreachable/)).toBe(1);
    await until('the end of the outage to be logged', () => log.count(/telegram bot api reachable again/) === 1);
  }, 90_000);

  it('keeps serving when Discord refuses the command registration, and registers once Discord recovers', async () => {
    const discord = await FakeDiscord.start({ rateLimits: null });
    cleanups.push(() => discord.close());
    discord.failRest(/\/commands$/, 503);
    const log = capturingLogger();

    const service = await start(fakePlatformSettings({ discord }), log);

    expect(await ready(service)).toBe(200);
    await until('a failed registration to be logged', () => log.count(/registering slash commands failed/) >= 1);
    expect(discord.commands(discord.guilds[0]?.id)).toEqual([]);
    discord.restoreRest();
    await until('the slash commands to be registered', () => discord.commands(discord.guilds[0]?.id).length > 0);
    await until('the recovery to be logged', () => log.count(/registering slash commands succeeded after retrying/) === 1);
  }, 60_000);

  it('keeps serving when the Discord login fails, and logs in once Discord recovers', async () => {
    const discord = await FakeDiscord.start({ rateLimits: null });
    cleanups.push(() => discord.close());
    discord.failRest(/^\/gateway\/bot$/, 503);
    const log = capturingLogger();

    const service = await start(fakePlatformSettings({ discord }), log);

    expect(await ready(service)).toBe(200);
    expect(log.count(/discord: logging in failed/)).toBe(1);
    discord.restoreRest();
    await discord.waitForGateway(30_000);
    await until('the slash commands to be registered', () => discord.commands(discord.guilds[0]?.id).length > 0);
    await until('the recovery to be logged', () => log.count(/logging in succeeded after retrying/) === 1);
  }, 60_000);
});
