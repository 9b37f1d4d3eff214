import { once } from 'node:events';
import { Events, type Client } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { BotCore } from '../core/bot-core.js';
import { createDiscordClient } from './discord-bot.js';
import { registerSlashCommands } from './discord-commands.js';

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

/** A connected Discord bot and how to disconnect it. */
export interface DiscordRuntime {
  client: Client;
  stop(): Promise<void>;
}

/** Logs in over the gateway, then registers the slash commands built from the core commands. */
export async function startDiscord(options: DiscordRuntimeOptions): Promise<DiscordRuntime> {
  const client = createDiscordClient(options);
  const ready = once(client, Events.ClientReady);
  await client.login(options.token);
  await ready;
  const applicationId = options.applicationId ?? client.application?.id ?? client.user?.id;
  if (!applicationId) throw new Error('Discord did not say which application this bot is; set DISCORD_APPLICATION_ID');
  await registerSlashCommands(client.rest, applicationId, options.guildIds, options.core.commandList);
  options.logger.info({ bot: client.user?.tag, guilds: options.guildIds.length || 'global' }, 'discord bot started');
  return {
    client,
    async stop() {
      await client.destroy();
    },
  };
}
