export { FakeDiscord, type FakeDiscordOptions } from './fake-discord.js';
export { DISCORD_RATE_LIMITS, type BucketLimit, type DiscordRateLimits } from './discord-rate-limits.js';
export type { InteractionRecord, InteractionResponse } from './discord-interactions.js';
export type { InteractionPlace, OptionValue } from './discord-interaction-builders.js';
export type { FakeDiscordUser, FakeGuild } from './discord-state.js';
