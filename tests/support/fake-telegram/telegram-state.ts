import type { BotCommand, Chat, InlineKeyboardMarkup, Message, User } from 'grammy/types';
import { TelegramFloodControl } from './telegram-limits.js';
import { UpdateQueue } from './telegram-updates.js';

/** One message the fake accepted from the bot, as a test asserts on it. */
export interface SentMessage {
  chatId: number;
  messageId: number;
  /** The text as the user sees it: markup stripped, HTML entities decoded. */
  text: string;
  /** The text exactly as the bot sent it, markup included. */
  rawText: string;
  parseMode?: string;
  replyMarkup?: InlineKeyboardMarkup;
  /** Milliseconds since epoch when the fake accepted it (to assert pacing). */
  at: number;
  editedAt?: number;
  deleted?: boolean;
}

/** What setWebhook stored; `url === ''` means no webhook (long polling allowed). */
export interface WebhookState {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

/** A callback query the fake delivered, and whether the bot answered it. */
export interface CallbackQueryRecord {
  id: string;
  userId: number;
  data: string;
  answered?: { text?: string; show_alert?: boolean; url?: string; cache_time?: number };
}

/** Everything the fake Bot API remembers; methods mutate it, tests read it through FakeTelegram. */
export class TelegramState {
  readonly bot: User;
  readonly chats = new Map<number, Chat>();
  readonly blocked = new Set<number>();
  /** Administrators of each group (the creator is listed first). */
  readonly admins = new Map<number, number[]>();
  readonly sent: SentMessage[] = [];
  readonly chatActions: Array<{ chatId: number; action: string; at: number }> = [];
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly commands = new Map<string, BotCommand[]>();
  readonly queue = new UpdateQueue();
  readonly flood = new TelegramFloodControl();
  webhook: WebhookState = { url: '', maxConnections: 40 };
  tooManyRequests = 0;
  /** Methods answering with an error until restored (an outage or a refusal the test sets up). */
  readonly refusals = new Map<string, { errorCode: number; description: string }>();
  private readonly messageIds = new Map<number, number>();

  constructor(readonly token: string, username: string) {
    this.bot = { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Fake bot', username };
  }

  /** Next message id in a chat: Telegram numbers messages per chat, starting at 1. */
  nextMessageId(chatId: number): number {
    const next = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, next);
    return next;
  }

  /** The live (not deleted) message the bot sent, if any. */
  findSent(chatId: number, messageId: number): SentMessage | undefined {
    return this.sent.find((m) => m.chatId === chatId && m.messageId === messageId && !m.deleted);
  }

  /** Render a stored message as the Bot API `Message` the bot gets back. */
  toMessage(m: SentMessage): Message {
    const chat = this.chats.get(m.chatId) ?? { id: m.chatId, type: 'private', first_name: 'Unknown' };
    return {
      message_id: m.messageId,
      date: Math.floor(m.at / 1000),
      chat,
      from: this.bot,
      text: m.text,
      ...(m.editedAt ? { edit_date: Math.floor(m.editedAt / 1000) } : {}),
      ...(m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
    } as Message;
  }
}
