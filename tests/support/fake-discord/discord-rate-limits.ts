import { createHash } from 'node:crypto';

/** A fixed window: `limit` requests, then wait until the window that began with the first one ends. */
export interface BucketLimit {
  limit: number;
  windowMs: number;
}

/** Per-route buckets (keyed by route and major parameter, like Discord) and the global cap. */
export interface DiscordRateLimits {
  /** POST /channels/{id}/messages, per channel. Discord: 5 per 5 s. */
  messageCreate: BucketLimit;
  /** PATCH/DELETE /channels/{id}/messages/{id}, per channel. */
  messageEdit: BucketLimit;
  /** POST /users/@me/channels (open a DM). */
  dmCreate: BucketLimit;
  /** /webhooks/{app}/{token}/… (interaction follow-ups and edits), per token. */
  webhook: BucketLimit;
  /** Every other route, per route. */
  other: BucketLimit;
  /** Requests per second per bot token across all routes (interaction endpoints excluded). */
  globalPerSecond: number;
}

export const DISCORD_RATE_LIMITS: DiscordRateLimits = {
  messageCreate: { limit: 5, windowMs: 5_000 },
  messageEdit: { limit: 5, windowMs: 5_000 },
  dmCreate: { limit: 10, windowMs: 10_000 },
  webhook: { limit: 5, windowMs: 2_000 },
  other: { limit: 50, windowMs: 1_000 },
  globalPerSecond: 50,
};

export type BucketName = Exclude<keyof DiscordRateLimits, 'globalPerSecond'>;

/** What a request gets: headers to send always, and a 429 body when it must wait. */
export interface RateDecision {
  headers: Record<string, string>;
  limited?: { retryAfter: number; global: boolean; scope: 'user' | 'global' };
}

interface Window {
  count: number;
  resetAt: number;
}

/** Discord-style rate limiting with the X-RateLimit-* headers discord.js reads to pace itself. */
export class DiscordRateLimiter {
  private limits: DiscordRateLimits | null = structuredClone(DISCORD_RATE_LIMITS);
  private readonly windows = new Map<string, Window>();
  private globalLog: number[] = [];
  /** 429 answers given, split by kind, for tests to assert that limiting happened. */
  readonly rejected = { route: 0, global: 0 };
  /** Requests admitted that count toward the global limit (what a bot's request rate is measured by). */
  admittedGlobally = 0;

  /** Override some limits, or pass `null` to disable rate limiting entirely. */
  configure(limits: Partial<DiscordRateLimits> | null): void {
    this.limits = limits === null ? null : { ...(this.limits ?? DISCORD_RATE_LIMITS), ...limits };
  }

  /** Count one request to `bucket` for `major` (channel id, webhook token…). */
  check(bucket: BucketName, major: string, countsGlobally: boolean, now = Date.now()): RateDecision {
    const limits = this.limits;
    if (!limits) {
      if (countsGlobally) this.admittedGlobally += 1;
      return { headers: {} };
    }
    if (countsGlobally) {
      this.globalLog = this.globalLog.filter((t) => now - t < 1_000);
      if (this.globalLog.length >= limits.globalPerSecond) {
        this.rejected.global += 1;
        const retryAfter = ((this.globalLog[0] ?? now) + 1_000 - now) / 1000;
        return {
          headers: { 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global', 'Retry-After': String(Math.ceil(retryAfter)) },
          limited: { retryAfter, global: true, scope: 'global' },
        };
      }
    }
    const { limit, windowMs } = limits[bucket];
    const key = `${bucket}:${major}`;
    let window = this.windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    const resetAfter = (window.resetAt - now) / 1000;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - window.count - 1)),
      'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': resetAfter.toFixed(3),
      // The same hash for every major parameter of a route, as Discord does.
      'X-RateLimit-Bucket': createHash('sha1').update(bucket).digest('hex').slice(0, 32),
    };
    if (window.count >= limit) {
      this.rejected.route += 1;
      headers['X-RateLimit-Remaining'] = '0';
      headers['X-RateLimit-Scope'] = 'user';
      // Discord sends whole seconds in the header and the exact float in the body.
      headers['Retry-After'] = String(Math.ceil(resetAfter));
      return { headers, limited: { retryAfter: resetAfter, global: false, scope: 'user' } };
    }
    window.count += 1;
    if (countsGlobally) {
      this.globalLog.push(now);
      this.admittedGlobally += 1;
    }
    return { headers };
  }
}
