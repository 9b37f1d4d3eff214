import { randomBytes } from 'node:crypto';
import type { APIMessage } from 'discord.js';
import { snowflake, type DiscordState, type FakeDiscordUser } from './discord-state.js';

/** Where the user acts: a guild channel (default: the first configured) or their DM with the bot. */
export interface InteractionPlace {
  guildId?: string;
  channelId?: string;
  dm?: boolean;
}

export type OptionValue = string | number | boolean;

/** Interaction types and option types, numbered as in the Discord API. */
const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const OptionType = { Subcommand: 1, String: 3, Integer: 4, Boolean: 5, Number: 10 } as const;
const ALL_PERMISSIONS = '2251799813685247';

type Payload = Record<string, unknown>;

/** Builds INTERACTION_CREATE payloads with the fields discord.js reads (member vs user, channel, locale…). */
export class InteractionBuilder {
  constructor(private readonly state: DiscordState) {}

  slashCommand(user: FakeDiscordUser, name: string, options: Record<string, OptionValue> = {}, opts: { subcommand?: string; place?: InteractionPlace } = {}): Payload {
    const base = this.base(user, InteractionType.ApplicationCommand, opts.place);
    let apiOptions = toOptions(options);
    if (opts.subcommand) apiOptions = [{ name: opts.subcommand, type: OptionType.Subcommand, options: apiOptions }];
    const guildId = base.guild_id as string | undefined;
    const command = this.findCommand(name, guildId);
    return {
      ...base,
      data: { id: command?.id ?? snowflake(), name, type: 1, options: apiOptions, ...(command?.guild_id ? { guild_id: command.guild_id } : {}) },
    };
  }

  autocomplete(user: FakeDiscordUser, name: string, focused: { name: string; value: string }, options: Record<string, OptionValue> = {}, place?: InteractionPlace): Payload {
    const payload = this.slashCommand(user, name, options, place ? { place } : {});
    const data = payload.data as Payload;
    const focusedOption = { name: focused.name, type: OptionType.String, value: focused.value, focused: true };
    return { ...payload, type: InteractionType.Autocomplete, data: { ...data, options: [...(data.options as Payload[]), focusedOption] } };
  }

  button(user: FakeDiscordUser, customId: string, message?: APIMessage, place?: InteractionPlace): Payload {
    return this.component(user, { custom_id: customId, component_type: 2 }, message, place);
  }

  stringSelect(user: FakeDiscordUser, customId: string, values: string[], message?: APIMessage, place?: InteractionPlace): Payload {
    return this.component(user, { custom_id: customId, component_type: 3, values }, message, place);
  }

  modalSubmit(user: FakeDiscordUser, customId: string, fields: Record<string, string>, place?: InteractionPlace): Payload {
    // One text input per action row: the classic modal layout discord.js's ModalSubmitFields reads.
    const components = Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
    return { ...this.base(user, InteractionType.ModalSubmit, place), data: { custom_id: customId, components } };
  }

  private component(user: FakeDiscordUser, data: Payload, message: APIMessage | undefined, place?: InteractionPlace): Payload {
    const base = this.base(user, InteractionType.MessageComponent, place);
    const channelId = (base.channel as { id: string }).id;
    const target = message ?? this.latestBotMessage(channelId) ?? this.state.createMessage(channelId, { content: '(component host)' });
    return { ...base, message: target, data };
  }

  private latestBotMessage(channelId: string): APIMessage | undefined {
    return [...this.state.messages.values()].filter((m) => m.channel_id === channelId && m.components?.length).at(-1);
  }

  private findCommand(name: string, guildId: string | undefined) {
    const scopes = guildId ? [`guild:${guildId}`, 'global'] : ['global'];
    for (const scope of scopes) {
      const found = this.state.commands.get(scope)?.find((c) => c.name === name);
      if (found) return found;
    }
    return undefined;
  }

  /** The fields every interaction carries; guild interactions have `member`, DMs have `user`. */
  private base(user: FakeDiscordUser, type: number, place: InteractionPlace = {}): Payload {
    const apiUser = this.state.addUser(user);
    const common = {
      id: snowflake(),
      application_id: this.state.applicationId,
      type,
      token: `aW50ZXJhY3Rpb24${randomBytes(24).toString('base64url')}`,
      version: 1,
      locale: user.locale ?? 'en-US',
      app_permissions: ALL_PERMISSIONS,
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (place.dm) {
      const channel = this.state.dmChannel(user.id);
      return { ...common, user: apiUser, channel, channel_id: channel.id, context: 1, authorizing_integration_owners: { '0': user.id } };
    }
    const guild = this.state.guilds.find((g) => g.id === place.guildId) ?? this.state.guilds[0];
    if (!guild) throw new Error('FakeDiscord: no guild configured for a guild interaction');
    const channel = this.state.channels.get(place.channelId ?? guild.channels[0]?.id ?? '');
    if (!channel) throw new Error('FakeDiscord: unknown channel for the interaction');
    const member = {
      user: apiUser, roles: [], nick: null, avatar: null, joined_at: new Date(0).toISOString(), premium_since: null,
      deaf: false, mute: false, flags: 0, pending: false, permissions: user.permissions ?? '1071698660929',
    };
    return {
      ...common, guild_id: guild.id, guild: { id: guild.id, locale: 'en-US', features: [] }, guild_locale: 'en-US',
      member, channel, channel_id: channel.id, context: 0, authorizing_integration_owners: { '0': guild.id },
    };
  }
}

function toOptions(options: Record<string, OptionValue>): Payload[] {
  return Object.entries(options).map(([name, value]) => ({
    name,
    value,
    type:
      typeof value === 'boolean' ? OptionType.Boolean
        : typeof value === 'number' ? (Number.isInteger(value) ? OptionType.Integer : OptionType.Number)
          : OptionType.String,
  }));
}
