import { once } from 'node:events';
import { Events, type Client } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { BotCore } from '../core/bot-core.js';
import { createDiscordClient } from './discord-bot.js';
import { registerSlashCommands } from './discord-commands.js';
import { attemptNowThenInBackground, type BackgroundAttempt } from '../platform-retry.js';

export interface DiscordRuntimeOptions {
  token: string;
  apiBase: string;
  applicationId: string | undefined;
  guildIds: readonly string[];
  publicUrl: string;
  telegramStartLink?: ((payload: string) => string) | undefined;
  core: BotCore;
  logger: Logger;
}

/** A Discord bot being connected (or retried in the background) and how to disconnect it. */
export interface DiscordRuntime {
  stop(): Promise<void>;
}

/**
 * Logs in over the gateway, then registers the slash commands built from the core commands.
 * Each step is tried once and, when Discord refuses or cannot be reached, retried in the
 * background with bounded backoff, so the API and the workers keep running meanwhile.
 */
export async function startDiscord(options: DiscordRuntimeOptions): Promise<DiscordRuntime> {
  const { logger } = options;
  let client: Client | undefined;
  let stopped = false;
  let registration: BackgroundAttempt | undefined;
  const registerCommands = async (loggedIn: Client) => {
    const applicationId = options.applicationId ?? loggedIn.application?.id ?? loggedIn.user?.id;
    if (!applicationId) throw new Error('Discord did not say which application this bot is; set DISCORD_APPLICATION_ID');
    await registerSlashCommands(loggedIn.rest, applicationId, options.guildIds, options.core.commandList);
    logger.info({ bot: loggedIn.user?.tag, guilds: options.guildIds.length || 'global' }, 'discord slash commands registered');
  };
  const login = await attemptNowThenInBackground(
    'discord: logging in',
    async () => {
      const candidate = createDiscordClient(options);
      try {
        const ready = once(candidate, Events.ClientReady);
        await candidate.login(options.token);
        await ready;
      } catch (error) {
        // A half-connected client would keep its own sockets and timers; start clean next time.
        await candidate.destroy();
        throw error;
      }
      if (stopped) {
        await candidate.destroy();
        return;
      }
      client = candidate;
      logger.info({ bot: candidate.user?.tag }, 'discord bot started');
      registration = await attemptNowThenInBackground('discord: registering slash commands', () => registerCommands(candidate), logger);
    },
    logger,
  );
  return {
    async stop() {
      stopped = true;
      login.stop();
      registration?.stop();
      await client?.destroy();
    },
  };
}
