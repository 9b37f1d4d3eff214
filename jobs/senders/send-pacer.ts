import type { Redis } from 'ioredis';

/**
 * Hands out send times one `gapMs` apart to every process sending for one bot, from one
 * Redis key, on Redis's clock. Sends spaced evenly never bunch at a window edge, so a
 * sliding one-second limit (how the platforms count) is never crossed however many worker
 * processes share the bot, and the pipeline stays full up to the limit.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], string.format('%d', at + tonumber(ARGV[1])), 'PX', 600000)
return at - now`;

/** After a 429 nobody sends on this bot until `ARGV[1]` microseconds from now. */
const HOLD = `
local t = redis.call('TIME')
local until_ = tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[1])
if until_ > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], string.format('%d', until_), 'PX', 600000)
end
return 0`;

/** How late after its turn a send may still go out. */
const LATE_MS = 8;
const MAX_TURNS = 5;

export interface Pacer {
  /** Resolves when this process may make its next request to the platform. */
  turn(): Promise<void>;
  /** The platform answered 429: hold every process back for `ms`. */
  hold(ms: number): Promise<void>;
}

/** No limit (benchmarks with the platforms' limits lifted). */
export const UNPACED: Pacer = { turn: async () => undefined, hold: async () => undefined };

export class SendPacer implements Pacer {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly gapMs: number,
  ) {}

  async turn(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const waitMs = Number(await this.redis.eval(RESERVE, 1, this.key, Math.round(this.gapMs * 1000))) / 1000;
      const due = performance.now() + waitMs;
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      // Woken well after its time (a busy event loop), this send would land among the next
      // ones and crowd the platform's window: it takes a fresh turn instead.
      if (performance.now() - due <= LATE_MS || attempt >= MAX_TURNS) return;
    }
  }

  async hold(ms: number): Promise<void> {
    await this.redis.eval(HOLD, 1, this.key, Math.round(ms * 1000));
  }
}
