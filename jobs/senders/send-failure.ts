import type { TextMarkup } from '../../src/domain/shared/split-text.js';

/**
 * Why a platform refused a message, in the terms the deliver worker acts on:
 * - rate_limited: wait `retryAfterMs`, then the same send will work (the queue pauses);
 * - unreachable: this account cannot be written to (bot blocked, DMs closed, unknown user):
 *   mark it and fall back to the person's next channel;
 * - rejected: the platform will never take this message as it is: no retry;
 * - transient: network or platform trouble: retry with backoff.
 */
export class SendFailure extends Error {
  constructor(
    readonly kind: 'rate_limited' | 'unreachable' | 'rejected' | 'transient',
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/** Which delivery is being sent, from which part, and what to wait for before each request. */
export interface SendContext {
  deliveryId: string;
  /** Parts before this index went out on an earlier attempt. */
  from: number;
  /** Awaited before every request to the platform (the shared pacer); throws to stop the send. */
  beforeRequest: () => Promise<void>;
  /** Discord: the DM channel already opened with this person, if known. */
  dmChannelId?: string | undefined;
  /** Discord: called with a DM channel the sender had to open, for it to be remembered. */
  onDmChannelOpened?: (channelId: string) => Promise<void>;
}

/** Sends the parts of one message to one address, skipping parts a previous attempt already sent. */
export interface PlatformSender {
  readonly channel: 'telegram' | 'discord';
  /** Longest text one message may carry on this platform. */
  readonly maxLength: number;
  /** The markup `format` produces, so long texts are split without breaking it. */
  readonly markup: TextMarkup;
  /** Formats a rendered notice as this platform's markup, user text escaped. */
  format(title: string, body: readonly string[]): string;
  /**
   * Sends `parts` from index `from`; `onSent` records each part (with its index) as it is
   * accepted, so a retry after a crash or a 429 never repeats a part. Throws SendFailure.
   */
  send(address: string, parts: readonly string[], context: SendContext, onSent: (messageId: string, index: number) => Promise<void>): Promise<void>;
}
