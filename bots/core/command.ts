import type { Role } from '../../src/domain/users/roles.js';
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
  /** Reached only through buttons (a form opened for one firm, say): not listed, not typed. */
  hidden?: boolean;
  /**
   * Listed by /help only for people holding one of these roles (admins count as organisers and
   * moderators). Only the listing: the domain still decides who may run it.
   */
  forRoles?: readonly Role[];
  /** For the admins of a group or server (Discord shows it to those who can manage the server). */
  managersOnly?: boolean;
  /** One free-text argument after the command (a string option on Discord); `suggest` offers completions. */
  argument?: {
    /** The option's name on Discord (ASCII); never shown in a usage line. */
    name: string;
    /** How usage lines name the argument ("/search <từ khóa>"); the description when absent. */
    label?: Record<Locale, string>;
    description: Record<Locale, string>;
    required: boolean;
    maxLength: number;
    suggest?: 'skills' | 'subscriptions';
  };
  /**
   * Several answers at once: Discord shows a modal, Telegram asks field by field. A command
   * with a form runs `form.submit` instead of `run`.
   */
  form?: FormSpec;
  /** Runs the command; a command with a form has none (the form's `submit` does the work). */
  run?(ctx: BotContext, argument: string): Promise<Reply>;
}

/** A short form: at most five text fields (Discord's modal limit). */
export interface FormSpec {
  title: Record<Locale, string>;
  fields: FormField[];
  /** `param` is what the button that opened the form carried (e.g. which firm), if anything. */
  submit(ctx: BotContext, values: Record<string, string>, param: string): Promise<Reply>;
}

export interface FormField {
  name: string;
  /** At most 45 characters (Discord's label limit). */
  label: Record<Locale, string>;
  /** What Telegram asks for this field. */
  prompt: Record<Locale, string>;
  style: 'short' | 'paragraph';
  minLength: number;
  /** At most 4,000 (Discord's limit). */
  maxLength: number;
  /**
   * Checks one answer as soon as it is given: the problem in the person's language, or null
   * when the answer will do. A wrong answer re-asks this field only; the others are kept.
   */
  check?(value: string, ctx: BotContext): string | null;
}

/** What a button press runs: `name` is the part of the action data before the first ':'. */
export interface ActionSpec {
  name: string;
  /** Like CommandSpec.private. */
  private?: boolean;
  /**
   * The answer is a new state of the screen the button is on (settings, toggles, a progress
   * count): adapters edit that message instead of posting a copy.
   */
  inPlace?: boolean;
  run(ctx: BotContext, params: string[]): Promise<Reply>;
}

/** A multi-step conversation: the person's next plain message goes to `onText`. */
export interface FlowSpec {
  name: string;
  onText(ctx: BotContext, text: string, state: { step: string; data: Record<string, string> }): Promise<Reply>;
}
