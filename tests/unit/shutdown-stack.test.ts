import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ShutdownStack } from '../../src/lifecycle/shutdown-stack.js';

const quiet = pino({ level: 'silent' });

describe('shutdown', () => {
  it('closes components in the reverse order they were started', async () => {
    const stack = new ShutdownStack();
    const order: string[] = [];
    for (const name of ['mongodb', 'redis', 'http']) {
      stack.push(name, async () => {
        order.push(name);
      });
    }
    expect(await stack.closeAll(1000, quiet)).toBe(true);
    expect(order).toEqual(['http', 'redis', 'mongodb']);
  });

  it('keeps closing the rest when one component fails, and reports it', async () => {
    const stack = new ShutdownStack();
    const closed: string[] = [];
    stack.push('mongodb', async () => {
      closed.push('mongodb');
    });
    stack.push('redis', async () => {
      throw new Error('connection reset');
    });
    expect(await stack.closeAll(1000, quiet)).toBe(false);
    expect(closed).toEqual(['mongodb']);
  });

  it('gives up on a component that hangs once the deadline passes', async () => {
    const stack = new ShutdownStack();
    stack.push('stuck', () => new Promise<void>(() => undefined));
    const started = Date.now();
    expect(await stack.closeAll(200, quiet)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('closes only once when asked twice (SIGINT after SIGTERM)', async () => {
    const stack = new ShutdownStack();
    let closes = 0;
    stack.push('http', async () => {
      closes += 1;
    });
    await Promise.all([stack.closeAll(1000, quiet), stack.closeAll(1000, quiet)]);
    expect(closes).toBe(1);
  });
});
