import type { Transformer } from 'grammy';
import type { Logger } from '../../src/log.js';
import { pause } from '../platform-retry.js';

/** The longest wait between two getUpdates attempts during an outage. */
export const POLLING_RETRY_MAX_MS = 5_000;
const POLLING_RETRY_FIRST_MS = 250;

/**
 * An API transformer that rides out Bot API outages for long polling: a getUpdates call that
 * fails with a network error, a 5xx, a 404 or a 429 is retried with backoff capped at 5 s, so
 * the bot listens again within seconds of the API coming back (grammY's runner would double
 * its wait without limit, toward hours). The outage is logged once when it starts and once
 * when it ends. Refusals that retrying cannot fix (401 bad token, 409 another poller or a
 * webhook) go back to the runner unchanged.
 */
export function rideOutPollingOutages(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    let outageSince: number | undefined;
    let delayMs = POLLING_RETRY_FIRST_MS;
    for (;;) {
      let failure: unknown;
      try {
        const answer = await prev(method, payload, signal);
        if (answer.ok || !isOutageCode(answer.error_code)) {
          if (outageSince !== undefined) logger.info({ downForMs: Date.now() - outageSince }, 'telegram bot api reachable again: listening for updates');
          return answer;
        }
        failure = { errorCode: answer.error_code, description: answer.description };
        // A 429 says how long to wait; waiting less would only earn another one.
        const retryAfterMs = (answer.parameters?.retry_after ?? 0) * 1000;
        delayMs = Math.max(delayMs, retryAfterMs);
      } catch (error) {
        if (signal?.aborted) throw error;
        failure = error;
      }
      if (outageSince === undefined) {
        outageSince = Date.now();
        logger.warn({ err: failure, retryEveryMaxMs: POLLING_RETRY_MAX_MS }, 'telegram bot api unreachable: getUpdates failing, retrying');
      }
      // grammY types its signal with the abort-controller polyfill; at run time it is Node's own.
      if (!(await pause(delayMs, signal as AbortSignal | undefined))) throw new Error('getUpdates stopped during an outage');
      delayMs = Math.min(delayMs * 2, POLLING_RETRY_MAX_MS);
    }
  };
}

function isOutageCode(code: number): boolean {
  return code >= 500 || code === 404 || code === 429;
}
