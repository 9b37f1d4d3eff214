/**
 * Flood control as Telegram describes it in the Bot FAQ: about one message per second to a
 * chat (short bursts tolerated), 20 messages per minute to a group, 30 per second overall.
 * The fake answers 429 with an integer retry_after, as the real API does.
 */
export interface TelegramLimits {
  /** Messages per second one chat may receive once its burst is spent (Telegram: ~1). */
  perChat: number;
  /** Messages one chat may receive back to back before `perChat` applies. */
  burst: number;
  /** Messages per minute to one group or channel (negative chat id); Telegram: 20. */
  perGroupPerMinute: number;
  /** Messages per second across all chats; Telegram: 30. */
  global: number;
}

export const TELEGRAM_LIMITS: TelegramLimits = { perChat: 1, burst: 3, perGroupPerMinute: 20, global: 30 };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Decides whether one more outgoing message may pass now; `take` records it when it may. */
export class TelegramFloodControl {
  private limits: TelegramLimits | null = { ...TELEGRAM_LIMITS };
  private readonly chatBuckets = new Map<number, Bucket>();
  private readonly groupLog = new Map<number, number[]>();
  private globalLog: number[] = [];

  /** Replace some limits, or pass `null` to switch flood control off. */
  configure(limits: Partial<TelegramLimits> | null): void {
    this.limits = limits === null ? null : { ...(this.limits ?? TELEGRAM_LIMITS), ...limits };
  }

  /** Seconds the caller must wait (≥ 1), or 0 when the message was admitted and counted. */
  take(chatId: number, now = Date.now()): number {
    const limits = this.limits;
    if (!limits) return 0;
    const waits = [
      this.chatWait(chatId, limits, now),
      chatId < 0 ? windowWait(this.groupLog.get(chatId) ?? [], limits.perGroupPerMinute, 60_000, now) : 0,
      windowWait(this.globalLog, limits.global, 1_000, now),
    ];
    const waitMs = Math.max(...waits);
    // Telegram never says "retry after 0": it rounds up to whole seconds.
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    this.record(chatId, now);
    return 0;
  }

  private chatWait(chatId: number, limits: TelegramLimits, now: number): number {
    const bucket = this.refill(chatId, limits, now);
    return bucket.tokens >= 1 ? 0 : ((1 - bucket.tokens) / limits.perChat) * 1000;
  }

  private refill(chatId: number, limits: TelegramLimits, now: number): Bucket {
    const capacity = Math.max(1, limits.burst);
    const bucket = this.chatBuckets.get(chatId) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limits.perChat);
    bucket.updatedAt = now;
    this.chatBuckets.set(chatId, bucket);
    return bucket;
  }

  private record(chatId: number, now: number): void {
    const bucket = this.chatBuckets.get(chatId);
    if (bucket) bucket.tokens -= 1;
    if (chatId < 0) {
      const log = (this.groupLog.get(chatId) ?? []).filter((t) => now - t < 60_000);
      log.push(now);
      this.groupLog.set(chatId, log);
    }
    this.globalLog = this.globalLog.filter((t) => now - t < 1_000);
    this.globalLog.push(now);
  }
}

/** Milliseconds until a sliding window of `windowMs` holds fewer than `max` entries. */
function windowWait(log: number[], max: number, windowMs: number, now: number): number {
  const recent = log.filter((t) => now - t < windowMs);
  if (recent.length < max) return 0;
  const oldestThatMustExpire = recent[recent.length - max] ?? now;
  return oldestThatMustExpire + windowMs - now;
}
