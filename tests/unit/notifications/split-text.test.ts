import { describe, expect, it } from 'vitest';
import { splitText } from '../../../src/domain/shared/split-text.js';
import { renderForDiscord } from '../../../bots/discord/discord-render.js';
import { escapeHtml, renderForTelegram, TELEGRAM_TEXT_LIMIT } from '../../../bots/telegram/telegram-render.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every tag opened in a piece is closed in it, in order (what Telegram's HTML parser demands). */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!closing) stack.push(name ?? '');
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

describe('splitting long texts without breaking what the reader sees', () => {
  it('never cuts an emoji in half, whatever the limit', () => {
    const text = '😀'.repeat(40);
    for (const limit of [3, 7, 10, 33]) {
      const pieces = splitText(text, limit);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(limit);
        expect(piece).not.toMatch(LONE_SURROGATE);
      }
      expect(pieces.join('')).toBe(text);
    }
  });

  it('keeps a family emoji and a flag whole', () => {
    const family = '👨‍👩‍👧';
    const text = `${'a'.repeat(8)}${family}🇻🇳${'b'.repeat(8)}`;
    const pieces = splitText(text, 12);
    expect(pieces.join('')).toBe(text);
    expect(pieces.some((p) => p.includes(family))).toBe(true);
    expect(pieces.some((p) => p.includes('🇻🇳'))).toBe(true);
  });

  it('never cuts an HTML entity', () => {
    const text = escapeHtml('R&D <> '.repeat(50).replace(/ /g, ''));
    const pieces = splitText(text, 17, 'html');
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(17);
      expect(piece).not.toMatch(/&[a-z]*$/);
      expect(piece).not.toMatch(/^[a-z]*;/);
    }
    expect(pieces.join('')).toBe(text);
  });

  it('closes a tag open at a cut and opens it again in the next piece', () => {
    const text = `<b>${'Hội thảo công nghệ '.repeat(20)}</b>\n<code>${'x'.repeat(120)}</code>`;
    const pieces = splitText(text, 100, 'html');
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(100);
      expect(balanced(piece)).toBe(true);
      expect(piece).not.toMatch(/<[^>]*$/);
    }
    const visible = (html: string) => html.replace(/<\/?[a-z]+>/g, '').replace(/\s+/g, '');
    expect(visible(pieces.join(''))).toBe(visible(text));
  });

  it('does not cut a Markdown escape from the character it escapes', () => {
    const pieces = splitText('\\*'.repeat(30), 9, 'markdown');
    for (const piece of pieces) expect(piece).not.toMatch(/\\$/);
    expect(pieces.join('')).toBe('\\*'.repeat(30));
  });

  it('splits a bot reply full of emoji and entities into valid Telegram messages', () => {
    const line = 'Tôi & bạn 🚀 <Đà Nẵng> 👨‍👩‍👧 ';
    const messages = renderForTelegram({ title: 'Kết quả', lines: [line.repeat(400), { code: `A&B${'🎉'.repeat(3000)}` }] });
    expect(messages.length).toBeGreaterThan(2);
    for (const { text } of messages) {
      expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(text).not.toMatch(LONE_SURROGATE);
      expect(balanced(text)).toBe(true);
      expect(text).not.toMatch(/&[a-z]*$/);
    }
  });

  it('splits a Discord reply full of emoji into embeds within Discord’s limits', () => {
    const message = renderForDiscord({ title: 'Kết quả', lines: ['a', '🎉'.repeat(2500), `*${'x🚀'.repeat(900)}*`] });
    const descriptions = message.embeds.map((e) => e.description ?? '');
    expect(descriptions.length).toBeGreaterThan(1);
    expect(descriptions.reduce((n, d) => n + d.length, 0) + 'Kết quả'.length).toBeLessThanOrEqual(6000);
    for (const description of descriptions) {
      expect(description.length).toBeLessThanOrEqual(4096);
      expect(description).not.toMatch(LONE_SURROGATE);
    }
  });
});
