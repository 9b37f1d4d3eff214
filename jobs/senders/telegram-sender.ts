import { Api, GrammyError, HttpError } from 'grammy';
import { SendFailure, type PlatformSender, type SendContext } from './send-failure.js';

/** Telegram allows one message per second to one chat; parts of one notice are paced by it. */
const PER_CHAT_GAP_MS = 1000;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Chat ids are stored as text; the Bot API takes them as numbers. */
const chatIdOf = (address: string): number | string => (/^-?\d+$/.test(address) ? Number(address) : address);

/** Maps a Bot API refusal to what the worker should do about it. */
export function telegramFailure(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return new SendFailure('rate_limited', error.description, (error.parameters.retry_after ?? 1) * 1000);
    // 403: blocked by the user, kicked, or a user who never pressed Start; 400 "chat not found" likewise.
    if (error.error_code === 403 || /chat not found|user not found/i.test(error.description)) return new SendFailure('unreachable', error.description);
    if (error.error_code >= 400 && error.error_code < 500) return new SendFailure('rejected', error.description);
    return new SendFailure('transient', error.description);
  }
  if (error instanceof HttpError) return new SendFailure('transient', error.message);
  return new SendFailure('transient', error instanceof Error ? error.message : String(error));
}

/** Sends through grammY's Api (TELEGRAM_API_ROOT for a self-hosted Bot API server), as HTML. */
export class TelegramSender implements PlatformSender {
  readonly channel = 'telegram' as const;
  readonly markup = 'html' as const;
  readonly maxLength = 4096;
  private readonly api: Api;

  constructor(token: string, apiRoot: string, private readonly sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))) {
    this.api = new Api(token, { apiRoot });
  }

  format(title: string, body: readonly string[]): string {
    return [`<b>${escapeHtml(title)}</b>`, ...body.filter(Boolean).map(escapeHtml)].join('\n\n');
  }

  async send(address: string, parts: readonly string[], context: SendContext, onSent: (messageId: string, index: number) => Promise<void>): Promise<void> {
    for (let i = context.from; i < parts.length; i++) {
      if (i > context.from) await this.sleep(PER_CHAT_GAP_MS);
      await context.beforeRequest();
      let messageId: number;
      try {
        messageId = (await this.api.sendMessage(chatIdOf(address), parts[i] as string, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } })).message_id;
      } catch (error) {
        throw telegramFailure(error);
      }
      await onSent(String(messageId), i);
    }
  }
}
