import type { Transformer } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POLLING_RETRY_MAX_MS, rideOutPollingOutages } from '../../../bots/telegram/polling-outage.js';
import { capturingLogger } from '../../support/capturing-logger.js';

type Prev = Parameters<Transformer>[0];

/** A Bot API whose getUpdates fails `failures` times with `errorCode`, then answers; it notes when each call came. */
function flakyApi(failures: number, errorCode = 502) {
  const calledAt: number[] = [];
  const prev = (async () => {
    calledAt.push(Date.now());
    const answer = calledAt.length <= failures ? { ok: false, error_code: errorCode, description: 'Bad Gateway' } : { ok: true, result: [] };
    return answer;
  }) as unknown as Prev;
  return { prev, calledAt };
}

describe('riding out a getUpdates outage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries with a doubling wait capped at 5 s, so the bot listens again within 5 s of the API coming back', async () => {
    const log = capturingLogger();
    const api = flakyApi(8);
    const polling = rideOutPollingOutages(log.logger)(api.prev, 'getUpdates', {} as never, undefined);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(await polling).toMatchObject({ ok: true });
    const waits = api.calledAt.slice(1).map((at, i) => at - (api.calledAt[i] ?? 0));
    expect(waits).toEqual([250, 500, 1_000, 2_000, 4_000, POLLING_RETRY_MAX_MS, POLLING_RETRY_MAX_MS, POLLING_RETRY_MAX_MS]);
    expect(log.count(/telegram bot api unreachable/)).toBe(1);
    expect(log.count(/telegram bot api reachable again/)).toBe(1);
  });

  it('hands refusals that waiting cannot fix back to the runner at once', async () => {
    const log = capturingLogger();
    const api = flakyApi(1, 401);
    const answer = await rideOutPollingOutages(log.logger)(api.prev, 'getUpdates', {} as never, undefined);
    expect(answer).toMatchObject({ ok: false, error_code: 401 });
    expect(api.calledAt).toHaveLength(1);
    expect(log.lines).toEqual([]);
  });
});
