import { LOCALES, messages, type Locale, type MessageKey } from './messages.js';

/** True when `key` names a message in the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/** Renders a catalogue message in `locale`, filling {placeholders} from params. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  const template: string = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * Picks vi or en from an Accept-Language header by quality, e.g. "vi-VN,vi;q=0.9,en;q=0.8" → vi.
 * Falls back to `fallback` when neither language is acceptable.
 */
export function localeFromAcceptLanguage(header: string | undefined, fallback: Locale = 'en'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isNaN(quality) ? 0 : quality };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  const match = ranked.find((entry) => (LOCALES as readonly string[]).includes(entry.language));
  return (match?.language as Locale | undefined) ?? fallback;
}
