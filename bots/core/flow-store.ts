import type { Redis } from 'ioredis';
import { z } from 'zod';

/** The step a person is at in a multi-step conversation, and what they said so far. */
export interface FlowState {
  flow: string;
  step: string;
  data: Record<string, string>;
}

const flowStateSchema = z.object({ flow: z.string(), step: z.string(), data: z.record(z.string(), z.string()) });

/** A conversation left half-way is forgotten after this long. */
const FLOW_TTL_SECONDS = 60 * 60;

/**
 * Multi-step conversation state in Redis, keyed by platform account: it survives a restart of
 * the bot and is shared by every bot process. One flow per person at a time.
 */
export class FlowStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  private key(userKey: string): string {
    return `${this.keyPrefix}:bot-flow:${userKey}`;
  }

  /** The person's current flow, or null (none, expired, or unreadable). */
  async get(userKey: string): Promise<FlowState | null> {
    const raw = await this.redis.get(this.key(userKey));
    if (!raw) return null;
    const parsed = flowStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  async set(userKey: string, state: FlowState): Promise<void> {
    await this.redis.set(this.key(userKey), JSON.stringify(state), 'EX', FLOW_TTL_SECONDS);
  }

  async clear(userKey: string): Promise<void> {
    await this.redis.del(this.key(userKey));
  }
}
