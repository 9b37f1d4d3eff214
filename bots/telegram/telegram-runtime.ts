import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import express, { type RequestHandler } from 'express';
import type { Logger } from '../../src/log.js';
import type { BotCore } from '../core/bot-core.js';
import { sendError } from '../../src/api/error-response.js';
import { attemptNowThenInBackground, type BackgroundAttempt } from '../platform-retry.js';
import { rideOutPollingOutages } from './polling-outage.js';
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
 * grammY's runner (one process), handling one chat's updates in order. Every Bot API call
 * made here is tried once and, if Telegram refuses or cannot be reached, retried in the
 * background: the process keeps serving the API and the workers meanwhile.
 */
export async function startTelegram(options: TelegramRuntimeOptions): Promise<TelegramRuntime> {
  const bot = createTelegramBot(options);
  const { logger } = options;
  const attempts: BackgroundAttempt[] = [];
  const stopAttempts = () => attempts.forEach((attempt) => attempt.stop());
  attempts.push(await attemptNowThenInBackground('telegram: setting the command menu', () => registerCommands(bot, options.core), logger));
  if (options.webhookUrl && options.webhookSecret) {
    const { webhookUrl, webhookSecret } = options;
    // grammY's webhook handler fetches the bot's identity itself on the first update.
    attempts.push(
      await attemptNowThenInBackground(
        'telegram: setting the webhook',
        async () => {
          await bot.api.setWebhook(webhookUrl, { secret_token: webhookSecret, allowed_updates: [...TELEGRAM_UPDATES] });
          logger.info({ mode: 'webhook' }, 'telegram bot started');
        },
        logger,
      ),
    );
    const handle = webhookCallback(bot, 'express', { secretToken: webhookSecret, onTimeout: 'return', timeoutMilliseconds: 8_000 });
    return {
      bot,
      webhook: { path: new URL(webhookUrl).pathname, handler: [express.json({ limit: '1mb' }), refuseMalformed, handle] },
      async stop() {
        // The webhook stays set: another process (or the next start) keeps receiving updates.
        stopAttempts();
      },
    };
  }
  bot.api.config.use(rideOutPollingOutages(logger));
  let runner: RunnerHandle | undefined;
  let stopped = false;
  attempts.push(
    await attemptNowThenInBackground(
      'telegram: starting long polling',
      async () => {
        await bot.init();
        await bot.api.deleteWebhook();
        if (stopped) return;
        runner = startPolling(bot, logger);
      },
      logger,
    ),
  );
  return {
    bot,
    async stop() {
      stopped = true;
      stopAttempts();
      if (runner?.isRunning()) await runner.stop();
    },
  };
}

function startPolling(bot: Bot, logger: Logger): RunnerHandle {
  // silent: outages are logged once each by rideOutPollingOutages, not per failed poll.
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...TELEGRAM_UPDATES] }, silent: true } });
  runner.task()?.catch((err: unknown) => logger.error({ err }, 'telegram polling stopped'));
  logger.info({ bot: bot.botInfo.username, mode: 'polling' }, 'telegram bot started');
  return runner;
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
