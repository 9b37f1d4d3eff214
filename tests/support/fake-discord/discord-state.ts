import type { APIApplicationCommand, APIChannel, APIMessage, APIUser } from 'discord.js';
import { DiscordRateLimiter } from './discord-rate-limits.js';
import type { InteractionRecord } from './discord-interactions.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake whose timestamp is now, so discord.js's createdAt is meaningful. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n | increment).toString();
}

/** A guild the bot is in, with its text channels (ids are generated when omitted). */
export interface FakeGuild {
  id: string;
  name: string;
  channels: Array<{ id: string; name: string }>;
}

/** Someone who clicks and types in tests; `locale` drives the interaction's `locale`. */
export interface FakeDiscordUser {
  id: string;
  username?: string;
  globalName?: string;
  locale?: string;
  /** The member's permission bits in guilds (default: an ordinary member's, without Manage Server). */
  permissions?: string;
}

/** Turn a test user into the API `User` object. */
export function toApiUser(user: FakeDiscordUser): APIUser {
  const username = user.username ?? `user${user.id.slice(-4)}`;
  return { id: user.id, username, discriminator: '0', global_name: user.globalName ?? username, avatar: null };
}

/** Everything the fake Discord remembers; REST handlers and the gateway share it. */
export class DiscordState {
  readonly bot: APIUser;
  readonly users = new Map<string, APIUser>();
  readonly channels = new Map<string, APIChannel>();
  readonly dmChannelOf = new Map<string, string>();
  /** The reverse of dmChannelOf: a channel id to the user it is a DM with. */
  private readonly dmUserOf = new Map<string, string>();
  readonly dmsDisabled = new Set<string>();
  readonly messages = new Map<string, APIMessage>();
  readonly deletedMessageIds: string[] = [];
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  readonly commands = new Map<string, APIApplicationCommand[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly limiter = new DiscordRateLimiter();
  /** REST paths (without /api/v10) answering with an error status until restored. */
  readonly refusals: Array<{ path: RegExp; status: number }> = [];

  constructor(
    readonly token: string,
    readonly applicationId: string,
    readonly guilds: FakeGuild[],
  ) {
    this.bot = { id: applicationId, username: 'FakeBot', discriminator: '0', global_name: null, avatar: null, bot: true };
    this.users.set(this.bot.id, this.bot);
    for (const guild of guilds) {
      for (const [position, c] of guild.channels.entries()) {
        this.channels.set(c.id, { id: c.id, type: 0, guild_id: guild.id, name: c.name, position, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0 } as APIChannel);
      }
    }
  }

  /** Register a user so DMs can be opened to them (users in interactions register themselves). */
  addUser(user: FakeDiscordUser): APIUser {
    const apiUser = toApiUser(user);
    this.users.set(user.id, apiUser);
    return apiUser;
  }

  /** The DM channel with a user, created on first use, as POST /users/@me/channels does. */
  dmChannel(userId: string): APIChannel {
    const existing = this.dmChannelOf.get(userId);
    if (existing) return this.channels.get(existing) as APIChannel;
    const recipient = this.users.get(userId);
    const channel = { id: snowflake(), type: 1, recipients: recipient ? [recipient] : [], last_message_id: null } as APIChannel;
    this.channels.set(channel.id, channel);
    this.dmChannelOf.set(userId, channel.id);
    this.dmUserOf.set(channel.id, userId);
    return channel;
  }

  /** The user on the other end of a DM channel, if `channelId` is one. */
  dmRecipient(channelId: string): string | undefined {
    return this.dmUserOf.get(channelId);
  }

  /** Store a message authored by the bot (or, with `webhookId`, by the app's interaction webhook). */
  createMessage(channelId: string, body: Record<string, unknown>, extra: Partial<APIMessage> = {}): APIMessage {
    const channel = this.channels.get(channelId);
    const message = {
      id: snowflake(),
      channel_id: channelId,
      ...(channel && 'guild_id' in channel && channel.guild_id ? { guild_id: channel.guild_id } : {}),
      author: this.bot,
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: (body.embeds as APIMessage['embeds'] | undefined) ?? [],
      components: (body.components as APIMessage['components'] | undefined) ?? [],
      pinned: false,
      type: 0,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      ...(body.nonce !== undefined ? { nonce: body.nonce as string } : {}),
      ...extra,
    } as APIMessage;
    this.messages.set(message.id, message);
    return message;
  }

  /** Apply a PATCH body to a stored message. */
  editMessage(message: APIMessage, body: Record<string, unknown>): APIMessage {
    for (const key of ['content', 'embeds', 'components', 'flags'] as const) {
      if (key in body) Object.assign(message, { [key]: body[key] });
    }
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  deleteMessage(id: string): void {
    this.messages.delete(id);
    this.deletedMessageIds.push(id);
  }
}
