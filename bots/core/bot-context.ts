import type { Actor } from '../../src/domain/auth/api-token.service.js';
import type { DomainServices } from '../../src/domain/domain-services.js';
import type { User } from '../../src/domain/users/user.model.js';
import type { Locale, MessageKey } from '../../src/i18n/messages.js';
import type { CommandSpec } from './command.js';
import type { FlowStore } from './flow-store.js';

export type Platform = 'telegram' | 'discord';

/** Links the bots put in their answers; the adapter knows its platform's forms. */
export interface BotLinks {
  /** Where people reach the HTTP service (ICS files, calendar feeds, the API docs). */
  publicUrl: string;
  /** A link that opens a private chat with the bot carrying `payload` (t.me/bot?start=…), when the platform has one. */
  startLink?: (payload: string) => string;
  /** On other platforms: the same kind of link to the Telegram bot, when this process runs it (a /link code's other side). */
  telegramStartLink?: ((payload: string) => string) | undefined;
}

/** The t.me link that opens a private chat with the Telegram bot and sends it /start with `payload`. */
export function telegramDeepLink(username: string, payload: string): string {
  return `https://t.me/${username}?start=${encodeURIComponent(payload)}`;
}

/** A Telegram group or a Discord server channel, and whether the person acting manages it. */
export interface BotPlace {
  spaceId: string;
  channelId: string;
  /** Asked only by the commands that need it (it may cost the platform a request). */
  canManage(): Promise<boolean>;
}

/** Everything a command needs about who is asking and where; built by the core for each update. */
export interface BotContext {
  platform: Platform;
  /** Private chat with the bot, or a group or server channel others read. */
  chat: 'private' | 'group';
  user: User;
  actor: Actor;
  locale: Locale;
  t(key: MessageKey, params?: Record<string, unknown>): string;
  services: DomainServices;
  flows: FlowStore;
  /** This person's key in the flow store. */
  flowKey: string;
  /** Set in groups and server channels (never in private chats or DMs). */
  place?: BotPlace | undefined;
  /** The commands people can type (for help texts). */
  commands: readonly CommandSpec[];
  links: BotLinks;
}
