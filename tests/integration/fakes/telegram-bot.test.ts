import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, webhookCallback } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../../support/fake-telegram/index.js';

const binh = { id: 777, first_name: 'Bình', language_code: 'vi' };

/** Poll `check` until it holds; the fakes are asynchronous by nature. */
async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('fake Telegram with a real grammY Bot', () => {
  let fake: FakeTelegram;
  let bot: Bot;

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  });
  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
    await fake.close();
  });

  it('delivers a pushed update to bot.start() long polling and records the reply', async () => {
    bot.command('start', (ctx) => ctx.reply(`Chào ${ctx.from?.first_name ?? ''} (${ctx.match})`));
    await new Promise<void>((onStart) => void bot.start({ timeout: 5, onStart: () => onStart() }));
    fake.pushUpdate(fake.commandFrom(binh, 'start', 'ref42'));
    await eventually(() => fake.sent.length === 1);
    expect(fake.sent[0]).toMatchObject({ chatId: binh.id, text: 'Chào Bình (ref42)' });
    expect(fake.calls.find((c) => c.method === 'deleteWebhook')).toBeDefined();
  });

  it('confirms updates by offset so a restarted poller does not see them again', async () => {
    fake.pushUpdate(fake.textFrom(binh, 'one'));
    const [first] = await bot.api.getUpdates({ timeout: 0 });
    expect(first?.message?.text).toBe('one');
    expect(await bot.api.getUpdates({ offset: (first?.update_id ?? 0) + 1, timeout: 0 })).toEqual([]);
  });

  it('answers a button press and lets the bot edit the message it came from', async () => {
    bot.command('menu', (ctx) =>
      ctx.reply('Chọn ngôn ngữ', { reply_markup: { inline_keyboard: [[{ text: 'English', callback_data: 'lang:en' }]] } }),
    );
    bot.callbackQuery('lang:en', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Saved' });
      await ctx.editMessageText('Language: English');
    });
    await bot.init();
    await bot.handleUpdate(fake.pushUpdate(fake.commandFrom(binh, 'menu')));
    await bot.handleUpdate(fake.pushUpdate(fake.callbackFrom(binh, 'lang:en')));
    expect(fake.callbackQueries[0]?.answered).toMatchObject({ text: 'Saved' });
    expect(fake.sentTo(binh.id)).toEqual([expect.objectContaining({ text: 'Language: English', editedAt: expect.any(Number) })]);
  });

  it('refuses getUpdates with 409 while a webhook is set', async () => {
    await bot.api.setWebhook('https://bots.example.org/telegram', { secret_token: 'sEcReT_1' });
    const error: unknown = await bot.api.getUpdates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(409);
    expect(await bot.api.getWebhookInfo()).toMatchObject({ url: 'https://bots.example.org/telegram', pending_update_count: 0 });
  });

  it('ends a waiting long poll with 409 when a second poller starts', async () => {
    const first = bot.api.getUpdates({ timeout: 10 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100)); // let the first poll reach the fake and wait
    await bot.api.getUpdates({ timeout: 0 });
    const error = await first;
    expect((error as GrammyError).description).toMatch(/^Conflict: terminated by other getUpdates request/);
  });

  describe('webhook delivery', () => {
    let server: Server;
    let url: string;

    beforeEach(async () => {
      bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
      server = createServer(webhookCallback(bot, 'http', { secretToken: 'right_secret' }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
      await bot.init();
    });
    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('POSTs updates with the secret header to the webhook the bot set', async () => {
      await bot.api.setWebhook(url, { secret_token: 'right_secret' });
      const { status } = await fake.deliverToWebhook(fake.textFrom(binh, 'xin chào'));
      expect(status).toBe(200);
      expect(fake.sent.map((m) => m.text)).toEqual(['echo: xin chào']);
    });

    it('records a rejected delivery in getWebhookInfo', async () => {
      await bot.api.setWebhook(url, { secret_token: 'other_secret' });
      const { status } = await fake.deliverToWebhook(fake.textFrom(binh, 'hi'));
      expect(status).toBe(401);
      expect((await bot.api.getWebhookInfo()).last_error_message).toMatch(/^Wrong response from the webhook: 401/);
    });
  });
});
