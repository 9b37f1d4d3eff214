import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SendPacer } from '../../../jobs/senders/send-pacer.js';
import { uniqueName } from '../../support/service.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('send pacer: one schedule of requests for every worker process of a bot', () => {
  const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  it('spaces the turns of two processes evenly, so no one-second window holds more than the limit', async () => {
    const key = uniqueName('pace');
    // Two "processes" (own connections) pacing one bot at 20 ms: at most 50 requests a second.
    const pacers = clients.map((c) => new SendPacer(c, key, 20));
    const turns: number[] = [];
    const started = performance.now();
    await Promise.all(
      pacers.flatMap((pacer) =>
        Array.from({ length: 40 }, async () => {
          await pacer.turn();
          turns.push(performance.now() - started);
        }),
      ),
    );
    turns.sort((a, b) => a - b);
    // 80 turns 20 ms apart take about 1.6 s, whoever asked.
    expect(turns.at(-1)).toBeGreaterThan(79 * 20 - 30);
    const perWindow = turns.map((t) => turns.filter((u) => u >= t && u < t + 1000).length);
    expect(Math.max(...perWindow)).toBeLessThanOrEqual(51);
  });

  it('after a 429 holds every process back for the time the platform asked', async () => {
    const key = uniqueName('pace');
    const [first, second] = clients.map((c) => new SendPacer(c, key, 5));
    await first?.turn();
    // Timed from before the hold is asked for: the hold starts on Redis's clock at some
    // moment after this, so the next turn can come no sooner than 300 ms from here,
    // however slow the round trip (a timer may fire up to a millisecond early).
    const started = performance.now();
    await first?.hold(300);
    await second?.turn();
    expect(performance.now() - started).toBeGreaterThanOrEqual(299);
  });
});
