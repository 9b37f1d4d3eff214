import type { REST} from 'discord.js';
import { Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandSpec } from '../core/command.js';

/** Slash command definitions generated from the core commands, English with Vietnamese localisations. */
export function slashCommandsFrom(commands: readonly CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((c) => ({
    name: c.name,
    description: c.description.en.slice(0, 100),
    description_localizations: { vi: c.description.vi.slice(0, 100) },
    // Manage Server (1 << 5): the server's own admins see and use it; they can widen it in settings.
    ...(c.managersOnly ? { default_member_permissions: '32' } : {}),
    // A form opens a modal at once; it has no options.
    options:
      c.argument && !c.form
        ? [
            {
              type: 3,
              name: c.argument.name,
              description: c.argument.description.en.slice(0, 100),
              description_localizations: { vi: c.argument.description.vi.slice(0, 100) },
              required: c.argument.required,
              max_length: c.argument.maxLength,
              autocomplete: Boolean(c.argument.suggest),
            },
          ]
        : [],
  }));
}

/**
 * Registers the commands: to each guild in `guildIds` (instant, for development and one
 * city's server), else globally. A PUT replaces the whole set, so re-running is harmless.
 */
export async function registerSlashCommands(rest: REST, applicationId: string, guildIds: readonly string[], commands: readonly CommandSpec[]): Promise<void> {
  const body = slashCommandsFrom(commands);
  if (guildIds.length === 0) {
    await rest.put(Routes.applicationCommands(applicationId), { body });
    return;
  }
  for (const guildId of guildIds) await rest.put(Routes.applicationGuildCommands(applicationId, guildId), { body });
}
