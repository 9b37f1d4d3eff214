import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import express, { type RequestHandler } from 'express';
import type { Logger } from '../../src/log.js';
import type { BotCore } from '../core/bot-core.js';
import { sendError } from '../../src/api/error-response.js';
import { createTelegramBot, TELEGRAM_UPDATES } from './telegram-bot.js';

export interface TelegramRuntimeOptions {
  token: string;
  apiRoot: string;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  publicUrl: string;
  core: BotCore;
  logger: Logger;
}

/** A running Telegram bot: its webhook route (webhook mode) and how to stop it. */
export interface TelegramRuntime {
  bot: Bot;
  /** Mount at `path` on the HTTP app in webhook mode. */
  webhook?: { path: string; handler: RequestHandler[] };
  stop(): Promise<void>;
}

/**
 * Starts the bot: registers its commands in both languages, then either sets the webhook
 * (TELEGRAM_WEBHOOK_URL; any number of processes behind a load balancer) or long-polls with
 * grammY's runner (one process), handling one chat's updates in order.
 */
export async function startTelegram(options: TelegramRuntimeOptions): Promise<TelegramRuntime> {
  const bot = createTelegramBot(options);
  await bot.init();
  await registerCommands(bot, options.core);
  if (options.webhookUrl && options.webhookSecret) {
    await bot.api.setWebhook(options.webhookUrl, { secret_token: options.webhookSecret, allowed_updates: [...TELEGRAM_UPDATES] });
    options.logger.info({ bot: bot.botInfo.username, mode: 'webhook' }, 'telegram bot started');
    const handle = webhookCallback(bot, 'express', { secretToken: options.webhookSecret, onTimeout: 'return', timeoutMilliseconds: 8_000 });
    return {
      bot,
      webhook: { path: new URL(options.webhookUrl).pathname, handler: [express.json({ limit: '1mb' }), refuseMalformed, handle] },
      async stop() {
        // The webhook stays set: another process (or the next start) keeps receiving updates.
      },
    };
  }
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...TELEGRAM_UPDATES] } } });
  options.logger.info({ bot: bot.botInfo.username, mode: 'polling' }, 'telegram bot started');
  return {
    bot,
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}

/** Telegram posts an object with a numeric update_id; anything else is not an update. */
const refuseMalformed: RequestHandler = (req, res, next) => {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { update_id?: unknown }).update_id !== 'number') {
    sendError(req, res, 400, 'webhook.bad_update');
    return;
  }
  next();
};

async function registerCommands(bot: Bot, core: BotCore): Promise<void> {
  for (const locale of ['en', 'vi'] as const) {
    const commands = core.commandList.map((c) => ({ command: c.name, description: c.description[locale].slice(0, 256) }));
    await bot.api.setMyCommands(commands, locale === 'vi' ? { language_code: 'vi' } : {});
  }
}
