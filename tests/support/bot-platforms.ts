/** Settings that point the service's bots (and senders) at the local fake platforms. */
import { createServer } from 'node:net';
import type { FakeDiscord } from './fake-discord/index.js';
import type { FakeTelegram } from './fake-telegram/index.js';

/** Environment overrides for the bots of whichever fakes are given (Discord commands registered to its first guild). */
export function fakePlatformSettings(fakes: { telegram?: FakeTelegram; discord?: FakeDiscord; guildCommands?: boolean }): Record<string, string> {
  const { telegram, discord, guildCommands = true } = fakes;
  return {
    ...(telegram ? { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot } : {}),
    ...(discord
      ? {
          DISCORD_BOT_TOKEN: discord.token,
          DISCORD_API_BASE: discord.restUrl,
          DISCORD_APPLICATION_ID: discord.applicationId,
          ...(guildCommands ? { DISCORD_GUILD_IDS: discord.guilds[0]?.id ?? '' } : {}),
        }
      : {}),
  };
}

/** A TCP port free right now on the loopback interface (for a service whose own URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
