import { Writable } from 'node:stream';
import { pino } from 'pino';

/** A pino logger whose lines are kept for a test to count. */
export function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines, count: (pattern: RegExp) => lines.filter((l) => pattern.test(l.msg)).length };
}
