import type { BotContext } from './bot-context.js';
import type { Locale } from '../../src/i18n/messages.js';
import { hasRole } from '../../src/domain/users/roles.js';
import type { CommandSpec } from './command.js';
import { textReply, type Reply } from './reply.js';

/** What a usage line calls a command's argument, in the reader's language. */
export function argumentLabel(command: CommandSpec, locale: Locale): string {
  return command.argument ? (command.argument.label ?? command.argument.description)[locale] : '';
}

/** The commands the person's roles can use, in their language, optionally after a first line. */
export function helpReply(ctx: BotContext, commands: readonly CommandSpec[], intro?: string): Reply {
  const usable = commands.filter((c) => !c.forRoles || c.forRoles.some((role) => hasRole(ctx.user.roles, role)));
  const lines = usable.map((c) => `/${c.name}${c.argument ? ` <${argumentLabel(c, ctx.locale)}>` : ''} — ${c.description[ctx.locale]}`);
  return textReply(intro ? [intro, ...lines] : lines, { title: ctx.t('bot.help_title') });
}
