import type { Locale } from '../../../src/i18n/messages.js';

/** The text in the reader's language, else the other one. */
export function inLocale(text: { vi?: string | undefined; en?: string | undefined }, locale: Locale): string {
  return (locale === 'vi' ? (text.vi ?? text.en) : (text.en ?? text.vi)) ?? '';
}

/** The items of a comma-, semicolon- or line-separated list, trimmed, empty ones dropped. */
export function commaList(text: string | undefined): string[] {
  return (text ?? '').split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean);
}

/** A long text cut to `max` characters at a word, with an ellipsis. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}
