import type { Locale } from '../../src/i18n/messages.js';
import type { BotContext } from './bot-context.js';
import type { Reply } from './reply.js';

/** A bot command, written once; Telegram and Discord adapters build their surfaces from it. */
export interface CommandSpec {
  /** Lower-case letters, digits and _ (both platforms accept that), at most 32. */
  name: string;
  description: Record<Locale, string>;
  /** Shows personal data: in a group the bot offers to continue in a private chat instead. */
  private?: boolean;
  /** One free-text argument after the command (a string option on Discord). */
  argument?: { name: string; description: Record<Locale, string>; required: boolean; maxLength: number };
  run(ctx: BotContext, argument: string): Promise<Reply>;
}

/** What a button press runs: `name` is the part of the action data before the first ':'. */
export interface ActionSpec {
  name: string;
  /** Like CommandSpec.private. */
  private?: boolean;
  run(ctx: BotContext, params: string[]): Promise<Reply>;
}

/** A multi-step conversation: the person's next plain message goes to `onText`. */
export interface FlowSpec {
  name: string;
  onText(ctx: BotContext, text: string, state: { step: string; data: Record<string, string> }): Promise<Reply>;
}
