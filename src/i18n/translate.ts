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
 * The language an Accept-Language header asks for, by quality: "vi-VN,vi;q=0.9,en;q=0.8" → vi.
 * Undefined when it states no preference between vi and en ("*", "fr", absent), so the caller
 * can fall back to what it knows about the person.
 */
export function preferredLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
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
  return match?.language as Locale | undefined;
}

/** Picks vi or en from an Accept-Language header, else `fallback`. */
export function localeFromAcceptLanguage(header: string | undefined, fallback: Locale = 'en'): Locale {
  return preferredLocale(header) ?? fallback;
}
