import type { BotContext } from './bot-context.js';
import type { CommandSpec } from './command.js';
import { textReply, type Reply } from './reply.js';

/** The command list in the person's language, optionally after a first line. */
export function helpReply(ctx: BotContext, commands: readonly CommandSpec[], intro?: string): Reply {
  const lines = commands.map((c) => `/${c.name}${c.argument ? ` <${c.argument.name}>` : ''} — ${c.description[ctx.locale]}`);
  return textReply(intro ? [intro, ...lines] : lines, { title: ctx.t('bot.help_title') });
}
