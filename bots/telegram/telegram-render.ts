import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { splitText } from '../../src/domain/shared/split-text.js';
import type { Reply } from '../core/reply.js';

/** Telegram's longest message text, in characters (UTF-16 code units after entity parsing). */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** One sendMessage call: HTML text and, on the last part only, the buttons. */
export interface TelegramMessage {
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

/** Escapes text for parse_mode HTML, so nothing a user wrote can become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Telegram refuses URL buttons that point at a private address; such links go into the text.
function publicUrl(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    return (protocol === 'https:' || protocol === 'http:') && !/^(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0|\[?::1\]?$)/.test(hostname);
  } catch {
    return false;
  }
}

/** Renders a Reply as one or more Telegram messages (long texts split at line ends). */
export function renderForTelegram(reply: Reply): TelegramMessage[] {
  const lines = reply.lines.map((line) => (typeof line === 'string' ? escapeHtml(line) : `<code>${escapeHtml(line.code)}</code>`));
  const rows: InlineKeyboardButton[][] = [];
  // Telegram has no select menu: the options become a keyboard, three to a row.
  const choices = (reply.select?.options ?? []).map((o) => ({ text: o.label, callback_data: `${reply.select?.action ?? ''}:${o.value}` }));
  for (let i = 0; i < choices.length; i += 3) rows.push(choices.slice(i, i + 3));
  for (const row of reply.buttons ?? []) {
    const buttons: InlineKeyboardButton[] = [];
    for (const button of row) {
      if ('action' in button) buttons.push({ text: button.label, callback_data: button.action });
      else if (publicUrl(button.url)) buttons.push({ text: button.label, url: button.url });
      else lines.push(`${escapeHtml(button.label)}: ${escapeHtml(button.url)}`);
    }
    if (buttons.length > 0) rows.push(buttons);
  }
  if (reply.title) lines.unshift(`<b>${escapeHtml(reply.title)}</b>`);
  const split = splitText(lines.join('\n'), TELEGRAM_TEXT_LIMIT, 'html');
  // Telegram refuses an empty text; a reply with only buttons still needs one character.
  const parts = split.length > 0 ? split : [' '];
  return parts.map((text, i) => (i === parts.length - 1 && rows.length > 0 ? { text, replyMarkup: { inline_keyboard: rows } } : { text }));
}
