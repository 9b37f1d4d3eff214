import { DiscordAPIError, escapeMarkdown, REST, Routes, type APIChannel, type APIMessage, type RESTOptions } from 'discord.js';
import { SendFailure, type PlatformSender, type SendContext } from './send-failure.js';

/** Delivery addresses of server channels (announcement spaces) rather than users. */
const CHANNEL_PREFIX = 'channel:';

const UNKNOWN_CHANNEL = 10003;
// Unknown channel, unknown user, cannot send messages to this user (DMs closed or no shared server).
const UNREACHABLE_CODES = new Set([UNKNOWN_CHANNEL, 10013, 50007, 50278]);

/** Maps a Discord REST refusal to what the worker should do about it. */
export function discordFailure(error: unknown): SendFailure {
  if (error instanceof DiscordAPIError) {
    if (typeof error.code === 'number' && UNREACHABLE_CODES.has(error.code)) return new SendFailure('unreachable', error.message);
    if (error.status === 429) return new SendFailure('rate_limited', error.message, 1000);
    if (error.status >= 400 && error.status < 500) return new SendFailure('rejected', error.message);
  }
  return new SendFailure('transient', error instanceof Error ? error.message : String(error));
}

/**
 * Sends DMs through discord.js's REST client (DISCORD_API_BASE to route elsewhere), which
 * honours Discord's per-route buckets itself. Each part carries a nonce derived from the
 * delivery with enforce_nonce, so a retried send cannot post the same part twice. A DM
 * channel once opened is reused (and remembered by the caller), so a person costs one
 * request per message rather than two.
 */
export class DiscordSender implements PlatformSender {
  readonly channel = 'discord' as const;
  readonly markup = 'markdown' as const;
  readonly maxLength = 2000;
  private readonly rest: REST;
  private readonly dmChannels = new Map<string, string>();

  /** `restOptions` tune the REST client (benchmarks lift its global pacing). */
  constructor(token: string, apiBase: string, restOptions: Partial<RESTOptions> = {}) {
    this.rest = new REST({ ...restOptions, api: apiBase }).setToken(token);
  }

  format(title: string, body: readonly string[]): string {
    return [`**${escapeMarkdown(title)}**`, ...body.filter(Boolean).map((p) => escapeMarkdown(p))].join('\n\n');
  }

  async send(address: string, parts: readonly string[], context: SendContext, onSent: (messageId: string, index: number) => Promise<void>): Promise<void> {
    try {
      // A server's announcement channel is posted to directly; a person is written to by DM.
      const direct = address.startsWith(CHANNEL_PREFIX);
      let channelId = direct ? address.slice(CHANNEL_PREFIX.length) : await this.dmChannel(address, context);
      let reopened = false;
      for (let i = context.from; i < parts.length; i++) {
        const body = { content: parts[i], nonce: `${i.toString(36)}${context.deliveryId}`.slice(0, 25), enforce_nonce: true, allowed_mentions: { parse: [] } };
        await context.beforeRequest();
        let message: APIMessage;
        try {
          message = (await this.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
        } catch (error) {
          // A remembered DM channel Discord no longer knows: open a fresh one, once.
          if (direct || reopened || !(error instanceof DiscordAPIError) || error.code !== UNKNOWN_CHANNEL) throw error;
          reopened = true;
          this.dmChannels.delete(address);
          channelId = await this.openDm(address, context);
          i -= 1;
          continue;
        }
        await onSent(message.id, i);
      }
    } catch (error) {
      throw error instanceof SendFailure ? error : discordFailure(error);
    }
  }

  /** The DM channel with a person: known to this process, remembered from before, or opened now. */
  private async dmChannel(userId: string, context: SendContext): Promise<string> {
    const known = this.dmChannels.get(userId) ?? context.dmChannelId;
    if (known) {
      this.dmChannels.set(userId, known);
      return known;
    }
    return this.openDm(userId, context);
  }

  private async openDm(userId: string, context: SendContext): Promise<string> {
    await context.beforeRequest();
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    this.dmChannels.set(userId, channel.id);
    await context.onDmChannelOpened?.(channel.id);
    return channel.id;
  }
}
