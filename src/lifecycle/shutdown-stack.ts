import type { Logger } from '../log.js';

interface Closer {
  name: string;
  close: () => Promise<void>;
}

/**
 * Remembers what was started so shutdown can close it in reverse order:
 * the HTTP server stops accepting before the databases it needs go away.
 */
export class ShutdownStack {
  private readonly closers: Closer[] = [];
  private closing: Promise<boolean> | undefined;

  /** Registers something to close; later registrations close first. */
  push(name: string, close: () => Promise<void>): void {
    this.closers.push({ name, close });
  }

  /**
   * Closes everything once, newest first. Resolves true when all closed within
   * `timeoutMs`, false when the deadline passed or a closer failed (the rest still run).
   */
  closeAll(timeoutMs: number, logger: Logger): Promise<boolean> {
    this.closing ??= this.run(timeoutMs, logger);
    return this.closing;
  }

  private async run(timeoutMs: number, logger: Logger): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let clean = true;
    for (const closer of [...this.closers].reverse()) {
      const left = Math.max(0, deadline - Date.now());
      const outcome = await withDeadline(closer.close(), left);
      if (outcome === 'timeout') {
        clean = false;
        logger.warn({ component: closer.name }, 'did not close before the shutdown deadline');
      } else if (outcome instanceof Error) {
        clean = false;
        logger.warn({ component: closer.name, err: outcome }, 'failed to close cleanly');
      } else {
        logger.debug({ component: closer.name }, 'closed');
      }
    }
    return clean;
  }
}

async function withDeadline(work: Promise<void>, ms: number): Promise<'ok' | 'timeout' | Error> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'ok' as const), timeout]);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    clearTimeout(timer);
  }
}
