import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from '../src/config.js';
import type { DomainServices } from '../src/domain/domain-services.js';
import type { Logger } from '../src/log.js';
import { telegramDeepLink } from './core/bot-context.js';
import { BotCore } from './core/bot-core.js';
import { BOT_ACTIONS, BOT_COMMANDS, BOT_FLOWS } from './core/commands/index.js';
import { FlowStore } from './core/flow-store.js';
import { discordInteractionsEndpoint } from './discord/discord-interactions-endpoint.js';
import { startDiscord } from './discord/discord-runtime.js';

/** Where Discord posts interactions when the app's Interactions Endpoint URL points here. */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';
import { startTelegram } from './telegram/telegram-runtime.js';

/** The bots this process runs: webhook routes to mount on the HTTP app, and how to stop them. */
export interface RunningBots {
  webhooks: { path: string; handler: RequestHandler[] }[];
  stop(): Promise<void>;
}

/** Starts the bot of each platform whose token is configured; none configured is fine (and logged). */
export async function startBots(config: Config, services: DomainServices, redis: Redis, logger: Logger): Promise<RunningBots> {
  const core = new BotCore({
    services,
    flows: new FlowStore(redis, config.redis.keyPrefix),
    logger,
    commands: BOT_COMMANDS,
    actions: BOT_ACTIONS,
    flowSpecs: BOT_FLOWS,
  });
  const stops: (() => Promise<void>)[] = [];
  const webhooks: RunningBots['webhooks'] = [];
  const stopAll = async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
  // Discord's /link answer offers the Telegram side's deep link when this process runs both bots.
  let telegramStartLink: ((payload: string) => string) | undefined;
  try {
    if (config.telegram.token) {
      const telegram = await startTelegram({ ...config.telegram, token: config.telegram.token, publicUrl: config.publicUrl, core, logger });
      stops.push(() => telegram.stop());
      if (telegram.webhook) webhooks.push(telegram.webhook);
      telegramStartLink = (payload) => telegramDeepLink(telegram.bot.botInfo.username, payload);
    }
    if (config.discord.publicKey && config.discord.applicationId) {
      const handler = discordInteractionsEndpoint({
        publicKeyHex: config.discord.publicKey,
        applicationId: config.discord.applicationId,
        apiBase: config.discord.apiBase,
        core,
        publicUrl: config.publicUrl,
        telegramStartLink,
        logger,
      });
      webhooks.push({ path: DISCORD_INTERACTIONS_PATH, handler });
    }
    if (config.discord.token) {
      const discord = await startDiscord({ ...config.discord, token: config.discord.token, publicUrl: config.publicUrl, telegramStartLink, core, logger });
      stops.push(() => discord.stop());
    }
  } catch (error) {
    // One bot failing to start must not leave the other polling behind the caller's back.
    await stopAll();
    throw error;
  }
  if (stops.length === 0 && webhooks.length === 0) logger.info('no bot token set (TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN): the bots role has nothing to run');
  return {
    webhooks,
    stop: stopAll,
  };
}
