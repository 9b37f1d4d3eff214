import {
  Client, Events, GatewayIntentBits, MessageFlags, PermissionFlagsBits,
  type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction, type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { BotCore, BotEvent, BotIdentity } from '../core/bot-core.js';
import type { Reply } from '../core/reply.js';
import { translate } from '../../src/i18n/translate.js';
import { AcknowledgeFirst } from './acknowledge-first.js';
import { FORM_PREFIX, modalFor, renderForDiscord } from './discord-render.js';

export interface DiscordBotOptions {
  core: BotCore;
  publicUrl: string;
  /** The Telegram bot's deep link, when this process runs it too (shown with a /link code). */
  telegramStartLink?: ((payload: string) => string) | undefined;
  logger: Logger;
  apiBase: string;
}

/**
 * The discord.js client: slash commands, buttons, autocomplete and modals go to the core.
 * Every command is deferred at once (Discord allows 3 seconds to acknowledge), and its work
 * waits until the acknowledgements already under way are out, a few interactions' work at a
 * time (AcknowledgeFirst); answers are ephemeral in servers whenever they are personal.
 */
export function createDiscordClient(options: DiscordBotOptions): Client {
  // Interactions arrive over the gateway with only the Guilds intent; no message content needed.
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.apiBase } });
  const acks = new AcknowledgeFirst();
  client.on(Events.InteractionCreate, (interaction) => {
    void route(interaction, { ...options, acks }).catch(async (error: unknown) => {
      options.logger.error({ err: error, interaction: interaction.type }, 'discord interaction failed');
      // Never leave someone looking at "thinking…": say sorry in their language.
      if (interaction.isRepliable() && interaction.deferred) {
        const content = translate(interaction.locale.startsWith('vi') ? 'vi' : 'en', 'internal');
        await interaction.editReply({ content, embeds: [], components: [] }).catch(() => undefined);
      }
    });
  });
  client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord client error'));
  return client;
}

/** What an interaction's handler works with: the bot's options and the acknowledgement order. */
interface Handling extends DiscordBotOptions {
  acks: AcknowledgeFirst;
}

async function route(interaction: Interaction, options: Handling): Promise<void> {
  if (interaction.isAutocomplete()) return suggest(interaction, options);
  if (interaction.isChatInputCommand()) return command(interaction, options);
  if (interaction.isButton()) return button(interaction, options);
  if (interaction.isStringSelectMenu()) return choose(interaction, options);
  if (interaction.isModalSubmit()) return modal(interaction, options);
}

function identityOf(interaction: Interaction): BotIdentity {
  return {
    externalId: interaction.user.id,
    displayName: interaction.user.globalName ?? interaction.user.username,
    handle: interaction.user.username,
    languageCode: interaction.locale,
  };
}

// Personal answers can be ephemeral on Discord, so the core may treat every interaction as private.
async function answer(options: DiscordBotOptions, interaction: Interaction, event: BotEvent): Promise<Reply> {
  const place = interaction.inGuild() && interaction.channelId
    ? { spaceId: interaction.guildId, channelId: interaction.channelId, canManage: async () => interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild) }
    : undefined;
  const reply = await options.core.handle({ platform: 'discord', chat: 'private', from: identityOf(interaction), event, place }, { publicUrl: options.publicUrl, telegramStartLink: options.telegramStartLink });
  return reply ?? { lines: [translate(interaction.locale.startsWith('vi') ? 'vi' : 'en', 'bot.unknown_text')] };
}

async function command(interaction: ChatInputCommandInteraction, options: Handling): Promise<void> {
  const spec = options.core.command(interaction.commandName);
  if (spec?.form) {
    const draft = await options.core.formDraft('discord', interaction.user.id, spec.name);
    await interaction.showModal(modalFor(spec, interaction.locale.startsWith('vi') ? 'vi' : 'en', '', draft));
    return;
  }
  const personal = Boolean(spec?.private) && interaction.inGuild();
  const argumentName = spec?.argument?.name;
  const argument = argumentName ? (interaction.options.getString(argumentName) ?? '') : '';
  const deferred = interaction.deferReply(personal ? { flags: MessageFlags.Ephemeral } : {});
  const reply = await options.acks.answer(deferred, () => answer(options, interaction, { type: 'command', name: interaction.commandName, argument }));
  await interaction.editReply(renderForDiscord(reply));
}

async function button(interaction: ButtonInteraction, options: Handling): Promise<void> {
  const [prefix, formName = '', param = ''] = interaction.customId.split(':');
  const formOf = `${prefix}:` === FORM_PREFIX ? options.core.command(formName) : undefined;
  if (formOf?.form) {
    const draft = await options.core.formDraft('discord', interaction.user.id, formOf.name);
    await interaction.showModal(modalFor(formOf, interaction.locale.startsWith('vi') ? 'vi' : 'en', param, draft));
    return;
  }
  await pressed(interaction, options, interaction.customId);
}

async function choose(interaction: StringSelectMenuInteraction, options: Handling): Promise<void> {
  await pressed(interaction, options, `${interaction.customId}:${interaction.values[0] ?? ''}`);
}

/**
 * A button or a choice: one that changes its own screen (settings, toggles) is acknowledged as
 * an update and the message it is on is edited; any other answers the presser in a new message
 * (ephemeral in a server, where nobody else needs to see it).
 */
async function pressed(interaction: ButtonInteraction | StringSelectMenuInteraction, options: Handling, data: string): Promise<void> {
  const ephemeral = interaction.inGuild() ? { flags: MessageFlags.Ephemeral } as const : {};
  if (options.core.updatesInPlace(data)) {
    const reply = await options.acks.answer(interaction.deferUpdate(), () => answer(options, interaction, { type: 'action', data }));
    if (reply.replacesOriginal) await interaction.editReply(renderForDiscord(reply));
    else await interaction.followUp({ ...renderForDiscord(reply), ...ephemeral });
    return;
  }
  const reply = await options.acks.answer(interaction.deferReply(ephemeral), () => answer(options, interaction, { type: 'action', data }));
  await interaction.editReply(renderForDiscord(reply));
}

async function modal(interaction: ModalSubmitInteraction, options: Handling): Promise<void> {
  if (!interaction.customId.startsWith(FORM_PREFIX)) return;
  const deferred = interaction.deferReply(interaction.inGuild() ? { flags: MessageFlags.Ephemeral } : {});
  const [, name = '', param = ''] = interaction.customId.split(':');
  const values: Record<string, string> = {};
  for (const field of options.core.command(name)?.form?.fields ?? []) {
    values[field.name] = interaction.fields.getTextInputValue(field.name);
  }
  const reply = await options.acks.answer(deferred, () => answer(options, interaction, { type: 'form', command: name, values, param }));
  await interaction.editReply(renderForDiscord(reply));
}

async function suggest(interaction: AutocompleteInteraction, options: DiscordBotOptions): Promise<void> {
  const kind = options.core.command(interaction.commandName)?.argument?.suggest;
  const choices = kind ? await options.core.suggest(kind, interaction.options.getFocused()) : [];
  await interaction.respond(choices.map((c) => ({ name: c.slice(0, 100), value: c.slice(0, 100) })));
}
