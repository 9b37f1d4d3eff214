/**
 * The fake Telegram and Discord as the fan-out benchmark drives them, behind one small
 * interface, so the same measurement runs with the fakes in the bench's own process or in a
 * child process of their own (bench/fake-platforms-process.ts), where their CPU is not
 * charged to the pipeline under test.
 */
import type { DiscordRateLimits } from '../tests/support/fake-discord/discord-rate-limits.js';
import { FakeDiscord } from '../tests/support/fake-discord/index.js';
import { FakeTelegram } from '../tests/support/fake-telegram/index.js';

/** How the fakes start: Telegram's flood control on or off, Discord's limits (null: off). */
export interface FakePlatformsOptions {
  telegramToken: string;
  telegramLimitsOn: boolean;
  discordLimits: Partial<DiscordRateLimits> | null;
}

/** Where the senders find the fakes. */
export interface FakePlatformsAddress {
  telegram: { token: string; apiRoot: string };
  discord: { token: string; restUrl: string };
}

/** What the fakes accepted so far, read by the measurements. */
export interface FakePlatformsCounters {
  telegramSent: number;
  telegram429: number;
  discordMessages: number;
  /** Discord requests admitted under its global limit (DM opens and posts). */
  discordRequests: number;
  discord429: number;
}

/** Recipients the bench seeds: Telegram chat ids and Discord user ids with display names. */
export interface SeedUsers {
  telegram: { id: number; name: string }[];
  discord: { id: string; name: string }[];
  /** Open each Discord user's DM channel now, as if the bot had written to them before. */
  openDms: boolean;
}

/** The fakes as the fan-out bench uses them, wherever they run. */
export interface FakePlatforms extends FakePlatformsAddress {
  /** 'in-process' or 'own process', for the printed figures. */
  readonly where: string;
  /** Makes the users known; returns the DM channel id per Discord user when `openDms`. */
  addUsers(users: SeedUsers): Promise<string[]>;
  counters(): Promise<FakePlatformsCounters>;
  close(): Promise<void>;
}

/** Starts both fakes in this process. */
export async function startFakePlatforms(options: FakePlatformsOptions): Promise<FakePlatforms> {
  const telegram = await FakeTelegram.start({ token: options.telegramToken, limits: options.telegramLimitsOn ? {} : null });
  const discord = await FakeDiscord.start();
  discord.setRateLimits(options.discordLimits);
  return {
    where: 'in-process',
    telegram: { token: telegram.token, apiRoot: telegram.apiRoot },
    discord: { token: discord.token, restUrl: discord.restUrl },
    async addUsers({ telegram: tUsers, discord: dUsers, openDms }) {
      for (const u of tUsers) telegram.addUser({ id: u.id, first_name: u.name });
      for (const u of dUsers) discord.addUser({ id: u.id, username: u.name });
      return openDms ? dUsers.map((u) => discord.openDm(u.id)) : [];
    },
    async counters() {
      return {
        telegramSent: telegram.sent.length,
        telegram429: telegram.tooManyRequests,
        discordMessages: discord.messageCount,
        discordRequests: discord.requestsAdmitted,
        discord429: discord.tooManyRequests.total,
      };
    },
    async close() {
      await telegram.close();
      await discord.close();
    },
  };
}
