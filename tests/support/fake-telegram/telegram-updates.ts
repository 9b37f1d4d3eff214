import type { Chat, Message, Update, User } from 'grammy/types';
import { BotApiError } from './telegram-http.js';

/** Who is talking to the bot in a test; `id` doubles as the private chat id, as on Telegram. */
export interface FakeTelegramUser {
  id: number;
  first_name?: string;
  username?: string;
  language_code?: string;
}

/** Turn a test user into the Bot API `User` object. */
export function toUser(user: FakeTelegramUser): User {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.first_name ?? `User ${user.id}`,
    ...(user.username ? { username: user.username } : {}),
    ...(user.language_code ? { language_code: user.language_code } : {}),
  };
}

/** The private chat Telegram opens between a user and the bot. */
export function privateChat(user: FakeTelegramUser): Chat.PrivateChat {
  return {
    id: user.id,
    type: 'private',
    first_name: user.first_name ?? `User ${user.id}`,
    ...(user.username ? { username: user.username } : {}),
  };
}

/** A text message from `user` in `chat` (default: their private chat); /commands get an entity. */
export function textMessage(user: FakeTelegramUser, text: string, messageId: number, chat?: Chat): Message {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return {
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: (chat ?? privateChat(user)) as Message['chat'],
    from: toUser(user),
    text,
    ...(command ? { entities: [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] } : {}),
  } as Message;
}

type Waiter = { offset: number; limit: number; resolve: (u: Update[]) => void; reject: (e: Error) => void };

/**
 * The bot's pending updates and the one getUpdates call allowed to wait for them. Telegram
 * keeps updates until a later `offset` confirms them, and a second concurrent getUpdates
 * ends the first with 409 — both matter to pollers, so both are modelled.
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private nextId = 100_000;
  private waiter: Waiter | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** Number of updates not yet confirmed by an offset (getWebhookInfo reports it). */
  get size(): number {
    return this.pending.length;
  }

  /** Give an update its update_id without queueing it (webhook delivery). */
  stamp(update: Omit<Update, 'update_id'> | Update): Update {
    return 'update_id' in update ? update : ({ ...update, update_id: this.nextId++ } as Update);
  }

  /** Queue an update (its update_id is assigned here) and wake a waiting getUpdates. */
  push(update: Omit<Update, 'update_id'> | Update): Update {
    const full = this.stamp(update);
    this.pending.push(full);
    this.wake();
    return full;
  }

  /** Forget everything pending (deleteWebhook/setWebhook with drop_pending_updates). */
  drop(): void {
    this.pending = [];
  }

  /** Answer getUpdates: immediately when something is pending, else after up to `timeoutS`. */
  take(offset: number, limit: number, timeoutS: number, signal: AbortSignal): Promise<Update[]> {
    this.terminateWaiter();
    this.confirm(offset);
    const ready = this.pending.slice(0, limit);
    if (ready.length > 0 || timeoutS <= 0) return Promise.resolve(ready);
    return new Promise<Update[]>((resolve, reject) => {
      const waiter: Waiter = { offset, limit, resolve, reject };
      this.waiter = waiter;
      this.timer = setTimeout(() => this.settle(waiter, []), timeoutS * 1000);
      // A client that gave up (grammY's bot.stop aborts its poll) must not hold the slot.
      signal.addEventListener('abort', () => this.settle(waiter, []), { once: true });
    });
  }

  /** Release a waiting poll with an empty batch, e.g. when the server closes. */
  releaseAll(): void {
    if (this.waiter) this.settle(this.waiter, []);
  }

  /** A webhook was set: a waiting poll fails the way Telegram fails it. */
  failWaiter(error: BotApiError): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.clear();
    waiter.reject(error);
  }

  private confirm(offset: number): void {
    if (offset < 0) this.pending = this.pending.slice(offset);
    else if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
  }

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.confirm(waiter.offset);
    this.settle(waiter, this.pending.slice(0, waiter.limit));
  }

  private terminateWaiter(): void {
    this.failWaiter(
      new BotApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'),
    );
  }

  private settle(waiter: Waiter, updates: Update[]): void {
    if (this.waiter !== waiter) return;
    this.clear();
    waiter.resolve(updates);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiter = undefined;
  }
}
