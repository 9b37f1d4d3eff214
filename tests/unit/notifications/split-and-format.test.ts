import { describe, expect, it } from 'vitest';
import { formatLocalTime, utcOffsetLabel } from '../../../src/domain/notifications/local-time.js';
import { splitText } from '../../../src/domain/shared/split-text.js';

describe('splitting long messages for the platforms', () => {
  it('keeps a short message whole', () => {
    expect(splitText('Xin chào', 4096)).toEqual(['Xin chào']);
  });

  it('splits at paragraph breaks first, never over the limit, losing no word', () => {
    const paragraph = 'Hội thảo công nghệ Đà Nẵng. '.repeat(30).trim();
    const text = [paragraph, paragraph, paragraph].join('\n\n');
    const pieces = splitText(text, 2000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(2000);
    expect(pieces.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
  });

  it('cuts a single word longer than the limit', () => {
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

describe('local time for the reader', () => {
  const at = new Date('2026-11-24T02:00:00Z');

  it('shows Hanoi time in Vietnamese with the offset', () => {
    const text = formatLocalTime(at, 'Asia/Ho_Chi_Minh', 'vi');
    expect(text).toContain('09:00');
    expect(text).toContain('24/11/2026');
    expect(text).toContain('(UTC+07:00)');
  });

  it('shows Berlin time in English with the winter offset', () => {
    const text = formatLocalTime(at, 'Europe/Berlin', 'en');
    expect(text).toContain('03:00');
    expect(text).toContain('Nov');
    expect(text).toContain('(UTC+01:00)');
  });

  it('labels negative and half-hour offsets', () => {
    expect(utcOffsetLabel('America/St_Johns', at)).toBe('UTC-03:30');
    expect(utcOffsetLabel('Asia/Kolkata', at)).toBe('UTC+05:30');
  });
});
