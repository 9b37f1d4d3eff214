import type { Logger } from '../src/log.js';

/** Backoff for platform calls retried in the background: doubling from `firstMs`, never above `maxMs`. */
export interface RetryBackoff {
  firstMs: number;
  maxMs: number;
}

/** Start-up calls (command menus, webhooks, logins): a first retry after a second, then at most every 30 s. */
export const START_UP_BACKOFF: RetryBackoff = { firstMs: 1_000, maxMs: 30_000 };

/** A platform call kept trying in the background; `stop()` ends the retries (on shutdown). */
export interface BackgroundAttempt {
  /** Resolves when the call succeeded, or when retrying was stopped. */
  readonly settled: Promise<void>;
  stop(): void;
}

/**
 * Runs `task` once now and, if it fails, keeps retrying it in the background with bounded
 * backoff, logging a warning per failure and an info line once it worked. Use it for platform
 * calls the process can serve without (a command menu, a webhook, a bot login): one refusal
 * must not take the API and the workers down with it.
 */
export async function attemptNowThenInBackground(
  what: string,
  task: () => Promise<void>,
  logger: Logger,
  backoff: RetryBackoff = START_UP_BACKOFF,
): Promise<BackgroundAttempt> {
  try {
    await task();
    return { settled: Promise.resolve(), stop: () => undefined };
  } catch (error) {
    logger.warn({ err: error, retryInMs: backoff.firstMs }, `${what} failed; retrying in the background`);
  }
  const stopper = new AbortController();
  const settled = retryUntilDone(what, task, logger, backoff, stopper.signal);
  return { settled, stop: () => stopper.abort() };
}

async function retryUntilDone(what: string, task: () => Promise<void>, logger: Logger, backoff: RetryBackoff, signal: AbortSignal): Promise<void> {
  let delayMs = backoff.firstMs;
  for (let attempt = 2; ; attempt += 1) {
    if (!(await pause(delayMs, signal))) return;
    try {
      await task();
      logger.info({ attempt }, `${what} succeeded after retrying`);
      return;
    } catch (error) {
      if (signal.aborted) return;
      delayMs = Math.min(delayMs * 2, backoff.maxMs);
      logger.warn({ err: error, attempt, retryInMs: delayMs }, `${what} failed again; still retrying`);
    }
  }
}

/** Waits `ms`; false when `signal` aborted first. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
