import type { BotCommand, InlineKeyboardMarkup } from 'grammy/types';
import { checkReplyMarkup, parseFormatted } from './telegram-entities.js';
import { BotApiError, chatIdParam, intParam, stringParam, type Params } from './telegram-http.js';
import type { TelegramState } from './telegram-state.js';

type Handler = (state: TelegramState, params: Params, signal: AbortSignal) => unknown;

const MAX_TEXT = 4096;
const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

/** Resolve the target chat the way Telegram does: unknown → 400, blocked private chat → 403. */
function reachableChat(state: TelegramState, params: Params): number {
  const chatId = chatIdParam(params);
  if (!state.chats.has(chatId)) throw new BotApiError(400, 'Bad Request: chat not found');
  if (state.blocked.has(chatId)) throw new BotApiError(403, 'Forbidden: bot was blocked by the user');
  return chatId;
}

/** Validate text + parse_mode + markup; returns the text as the user will see it. */
function checkedText(params: Params): { raw: string; plain: string; markup?: InlineKeyboardMarkup } {
  const raw = stringParam(params, 'text') ?? '';
  // With explicit entities Telegram does not parse markup at all.
  const parseMode = params.entities === undefined ? stringParam(params, 'parse_mode') : undefined;
  const parsed = parseFormatted(raw, parseMode);
  if (!parsed.ok) throw new BotApiError(400, `Bad Request: can't parse entities: ${parsed.reason}`);
  if (parsed.plain.trim().length === 0) throw new BotApiError(400, 'Bad Request: message text is empty');
  // UTF-16 units, the unit entity offsets use; stricter than counting code points.
  if (parsed.plain.length > MAX_TEXT) throw new BotApiError(400, 'Bad Request: message is too long');
  const markupError = checkReplyMarkup(params.reply_markup);
  if (markupError) throw new BotApiError(400, markupError);
  const markup = params.reply_markup as InlineKeyboardMarkup | undefined;
  return { raw, plain: parsed.plain, ...(markup?.inline_keyboard ? { markup } : {}) };
}

/** Count the message against flood control, or refuse it with Telegram's 429. */
function admit(state: TelegramState, chatId: number): void {
  const retryAfter = state.flood.take(chatId);
  if (retryAfter > 0) {
    state.tooManyRequests += 1;
    throw new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
  }
}

function editTarget(state: TelegramState, params: Params) {
  const chatId = chatIdParam(params);
  const messageId = intParam(params, 'message_id', 0);
  const message = state.findSent(chatId, messageId);
  if (!message) throw new BotApiError(400, 'Bad Request: message to edit not found');
  return message;
}

function commandsKey(params: Params): string {
  return `${JSON.stringify(params.scope ?? { type: 'default' })}|${stringParam(params, 'language_code') ?? ''}`;
}

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const handlers: Record<string, Handler> = {
  getMe: (state) => state.bot,

  getUpdates: (state, params, signal) => {
    if (state.webhook.url) {
      throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const limit = Math.min(100, Math.max(1, intParam(params, 'limit', 100)));
    return state.queue.take(intParam(params, 'offset', 0), limit, Math.max(0, intParam(params, 'timeout', 0)), signal);
  },

  setWebhook: (state, params) => {
    const url = stringParam(params, 'url') ?? '';
    const secret = stringParam(params, 'secret_token');
    // Real Telegram demands HTTPS; the fake also admits plain HTTP on loopback so tests need no TLS.
    if (url && !/^https:\/\//.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) {
      throw new BotApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    }
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw new BotApiError(400, 'Bad Request: secret token contains unallowed characters');
    }
    if (params.drop_pending_updates === true) state.queue.drop();
    state.webhook = {
      url,
      maxConnections: intParam(params, 'max_connections', 40),
      ...(secret ? { secretToken: secret } : {}),
      ...(Array.isArray(params.allowed_updates) ? { allowedUpdates: params.allowed_updates as string[] } : {}),
    };
    if (url) {
      state.queue.failWaiter(new BotApiError(409, 'Conflict: terminated by setWebhook request'));
    }
    return true;
  },

  deleteWebhook: (state, params) => {
    if (params.drop_pending_updates === true) state.queue.drop();
    state.webhook = { url: '', maxConnections: 40 };
    return true;
  },

  getWebhookInfo: (state) => ({
    url: state.webhook.url,
    has_custom_certificate: false,
    pending_update_count: state.queue.size,
    ...(state.webhook.url ? { max_connections: state.webhook.maxConnections } : {}),
    ...(state.webhook.allowedUpdates ? { allowed_updates: state.webhook.allowedUpdates } : {}),
    ...(state.webhook.lastErrorDate ? { last_error_date: state.webhook.lastErrorDate } : {}),
    ...(state.webhook.lastErrorMessage ? { last_error_message: state.webhook.lastErrorMessage } : {}),
  }),

  sendMessage: (state, params) => {
    const chatId = reachableChat(state, params);
    const { raw, plain, markup } = checkedText(params);
    admit(state, chatId);
    const parseMode = stringParam(params, 'parse_mode');
    const sent = {
      chatId,
      messageId: state.nextMessageId(chatId),
      text: plain,
      rawText: raw,
      at: Date.now(),
      ...(parseMode ? { parseMode } : {}),
      ...(markup ? { replyMarkup: markup } : {}),
    };
    state.sent.push(sent);
    return state.toMessage(sent);
  },

  editMessageText: (state, params) => {
    const message = editTarget(state, params);
    const { raw, plain, markup } = checkedText(params);
    if (raw === message.rawText && JSON.stringify(markup) === JSON.stringify(message.replyMarkup)) {
      throw new BotApiError(400, NOT_MODIFIED);
    }
    Object.assign(message, { text: plain, rawText: raw, replyMarkup: markup, editedAt: Date.now() });
    return state.toMessage(message);
  },

  editMessageReplyMarkup: (state, params) => {
    const message = editTarget(state, params);
    const markupError = checkReplyMarkup(params.reply_markup);
    if (markupError) throw new BotApiError(400, markupError);
    const markup = params.reply_markup as InlineKeyboardMarkup | undefined;
    if (JSON.stringify(markup) === JSON.stringify(message.replyMarkup)) throw new BotApiError(400, NOT_MODIFIED);
    Object.assign(message, { replyMarkup: markup, editedAt: Date.now() });
    return state.toMessage(message);
  },

  deleteMessage: (state, params) => {
    const message = state.findSent(chatIdParam(params), intParam(params, 'message_id', 0));
    if (!message) throw new BotApiError(400, 'Bad Request: message to delete not found');
    message.deleted = true;
    return true;
  },

  answerCallbackQuery: (state, params) => {
    const query = state.callbackQueries.get(stringParam(params, 'callback_query_id') ?? '');
    if (!query || query.answered) {
      throw new BotApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    }
    const text = stringParam(params, 'text');
    const url = stringParam(params, 'url');
    query.answered = {
      ...(text !== undefined ? { text } : {}),
      ...(url !== undefined ? { url } : {}),
      show_alert: params.show_alert === true,
      cache_time: intParam(params, 'cache_time', 0),
    };
    return true;
  },

  sendChatAction: (state, params) => {
    const chatId = reachableChat(state, params);
    const action = stringParam(params, 'action') ?? '';
    if (!CHAT_ACTIONS.has(action)) throw new BotApiError(400, 'Bad Request: wrong parameter action in request');
    state.chatActions.push({ chatId, action, at: Date.now() });
    return true;
  },

  setMyCommands: (state, params) => {
    const commands = params.commands;
    if (!Array.isArray(commands) || commands.length > 100) throw new BotApiError(400, 'Bad Request: BOT_COMMANDS_TOO_MUCH');
    for (const c of commands as Array<Partial<BotCommand>>) {
      if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
        throw new BotApiError(400, 'Bad Request: BOT_COMMAND_INVALID');
      }
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
        throw new BotApiError(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
      }
    }
    state.commands.set(commandsKey(params), commands as BotCommand[]);
    return true;
  },

  getChatMember: (state, params) => {
    const chatId = Number(params.chat_id);
    const userId = Number(params.user_id);
    const chat = state.chats.get(chatId);
    if (!chat) throw new BotApiError(400, 'Bad Request: chat not found');
    if (!Number.isInteger(userId) || userId <= 0) throw new BotApiError(400, 'Bad Request: invalid user_id specified');
    const admins = state.admins.get(chatId) ?? [];
    const status = chat.type === 'private' ? (userId === chatId ? 'member' : 'left') : admins[0] === userId ? 'creator' : admins.includes(userId) ? 'administrator' : 'member';
    return { status, user: { id: userId, is_bot: false, first_name: `User ${userId}` } };
  },

  getMyCommands: (state, params) => state.commands.get(commandsKey(params)) ?? [],

  deleteMyCommands: (state, params) => {
    state.commands.delete(commandsKey(params));
    return true;
  },
};

// The Bot API matches method names case-insensitively.
const byLowerName = new Map(Object.entries(handlers).map(([name, handler]) => [name.toLowerCase(), handler]));

/** The handler for a Bot API method name, or undefined (→ 404 Not Found). */
export function findMethod(name: string): Handler | undefined {
  return byLowerName.get(name.toLowerCase());
}
