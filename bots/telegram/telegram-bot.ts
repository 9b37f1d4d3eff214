import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot, GrammyError, type Context } from 'grammy';
import type { Logger } from '../../src/log.js';
import { telegramDeepLink, type BotLinks, type BotPlace } from '../core/bot-context.js';
import type { BotCore, BotEvent } from '../core/bot-core.js';
import type { Reply } from '../core/reply.js';
import { renderForTelegram } from './telegram-render.js';

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  core: BotCore;
  publicUrl: string;
  logger: Logger;
}

/** The updates the bot asks Telegram for; everything else is never sent to it. */
export const TELEGRAM_UPDATES = ['message', 'callback_query'] as const;

const RETRIED_ELSEWHERE = new Set<string>(['getUpdates', 'getMe', 'setMyCommands', 'setWebhook', 'deleteWebhook']);

/**
 * The grammY bot: text messages and button presses go to the core; its Reply comes back as
 * HTML messages with inline keyboards. In groups the bot answers commands only.
 */
export function createTelegramBot(options: TelegramBotOptions): Bot {
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });
  // Replies are paced to Telegram's limits (30/s overall, 1/s per chat, 20/min per group)
  // before they are sent; a 429 that still comes back is waited out (up to 30 s) and retried.
  bot.api.config.use(apiThrottler());
  // Start-up calls and polling are retried by their own bounded loops (platform-retry.ts,
  // polling-outage.ts); auto-retry's backoff on 5xx and network errors grows toward an hour.
  const retrying = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 });
  bot.api.config.use((prev, method, payload, signal) => (RETRIED_ELSEWHERE.has(method) ? prev(method, payload, signal) : retrying(prev, method, payload, signal)));
  // One chat's updates in order (a conversation's steps), different chats in parallel.
  bot.use(sequentialize((ctx) => (ctx.chat ?? ctx.from)?.id.toString()));
  const links = (): BotLinks => ({
    publicUrl: options.publicUrl,
    startLink: (payload) => telegramDeepLink(bot.botInfo.username, payload),
  });

  // grammY hands middleware errors to bot.catch only when polling; in webhook mode they would
  // reach Express as a 500 and Telegram would post the update again and again. The boundary
  // logs them in both modes and the update counts as handled.
  const handled = bot.errorBoundary((error) => {
    options.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'telegram update failed');
  });

  handled.on('message', async (ctx) => {
    // Channel posts and anonymous group admins have no person behind them to answer.
    if (!ctx.from || ctx.from.is_bot) return;
    const event = eventOf(ctx, bot.botInfo.username);
    if (!event) return;
    const reply = await options.core.handle(
      { platform: 'telegram', chat: ctx.chat.type === 'private' ? 'private' : 'group', from: identityOf(ctx), event, place: placeOf(ctx) },
      links(),
    );
    if (reply) await send(ctx, reply);
  });

  handled.on('callback_query:data', async (ctx) => {
    // Answer at once so the button stops spinning, whatever the action then does.
    await ctx.answerCallbackQuery().catch(() => undefined);
    const chat = ctx.chat?.type === 'private' || !ctx.chat ? 'private' : 'group';
    const reply = await options.core.handle(
      { platform: 'telegram', chat, from: identityOf(ctx), event: { type: 'action', data: ctx.callbackQuery.data } },
      links(),
    );
    if (reply?.replacesOriginal && (await editInPlace(ctx, reply))) return;
    if (reply) await send(ctx, reply);
  });

  bot.catch((error) => {
    options.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'telegram update failed');
  });
  return bot;
}

/** A group the update came from; managing it means being its creator or an administrator. */
function placeOf(ctx: Context): BotPlace | undefined {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || chat.type === 'private' || !from) return undefined;
  return {
    spaceId: String(chat.id),
    channelId: String(chat.id),
    canManage: async () => {
      const member = await ctx.api.getChatMember(chat.id, from.id);
      return member.status === 'creator' || member.status === 'administrator';
    },
  };
}

function identityOf(ctx: Context) {
  const from = ctx.from;
  if (!from) throw new Error('update without a sender');
  return {
    externalId: String(from.id),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(' '),
    handle: from.username,
    languageCode: from.language_code,
  };
}

/** A command ("/start CODE", "/requests@our_bot go"), plain text, or nothing the bot reads. */
function eventOf(ctx: Context, username: string): BotEvent | null {
  const message = ctx.message;
  if (!message) return null;
  const text = message.text ?? message.caption;
  const isPrivate = ctx.chat?.type === 'private';
  if (text === undefined) return isPrivate ? { type: 'text', text: '' } : null;
  const command = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text);
  if (command) {
    // In a group with several bots, "/help@other_bot" is not for us.
    if (command[2] && command[2].toLowerCase() !== username.toLowerCase()) return null;
    return { type: 'command', name: command[1] ?? '', argument: command[3] ?? '' };
  }
  return { type: 'text', text };
}

/**
 * Shows a new state of a screen (settings, toggles) in the message whose button was pressed.
 * Pressing a button that changes nothing is not an error to the person: Telegram refuses the
 * identical edit ("message is not modified") and the screen already shows the right state.
 * False when there is no single message to edit, so the caller sends the reply instead.
 */
async function editInPlace(ctx: Context, reply: Reply): Promise<boolean> {
  const messages = renderForTelegram(reply);
  const [message] = messages;
  if (!ctx.callbackQuery?.message || !message || messages.length !== 1) return false;
  try {
    await ctx.editMessageText(message.text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
    });
  } catch (error) {
    if (!(error instanceof GrammyError && error.description.includes('message is not modified'))) throw error;
  }
  return true;
}

async function send(ctx: Context, reply: Reply): Promise<void> {
  // A button on an inline message has no chat: answer the presser privately.
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  if (chatId === undefined) return;
  for (const message of renderForTelegram(reply)) {
    await ctx.api.sendMessage(chatId, message.text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
    });
  }
}
