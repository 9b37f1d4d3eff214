import type { Locale } from './messages.js';

/**
 * Country and language names as people type them ("Đức", "Germany", "tiếng Việt", "English")
 * turned into ISO codes, and back into names in the reader's language. The names come from
 * ICU (Intl.DisplayNames, which Node ships in full), so every country is known in both languages.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALL_PAIRS = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => `${a}${b}`));
// Codes ICU names but that are not places a person lives in (unknown region, EU, UN, eurozone…).
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XA', 'XB']);

/** Lower case, no accents, đ → d, single spaces: "  Nhật  Bản " → "nhat ban". */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function namesOf(type: 'region' | 'language', codes: readonly string[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const locale of ['en', 'vi'] as const) {
    const names = new Intl.DisplayNames([locale], { type, fallback: 'none' });
    for (const code of codes) {
      const name = names.of(code);
      if (name) byName.set(foldName(name), code);
    }
  }
  return byName;
}

const COUNTRY_CODES = ALL_PAIRS.filter((code) => !NOT_COUNTRIES.has(code) && new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code) !== undefined);
const COUNTRY_BY_NAME = namesOf('region', COUNTRY_CODES);
// What people say that ICU does not: short forms and the everyday Vietnamese names.
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US', america: 'US', 'united states of america': 'US', my: 'US', 'nuoc my': 'US', uk: 'GB', england: 'GB', britain: 'GB',
  'great britain': 'GB', anh: 'GB', 'viet nam': 'VN', vietnam: 'VN', 'south korea': 'KR', korea: 'KR', 'han quoc': 'KR',
  nhat: 'JP', 'czech republic': 'CZ', holland: 'NL', 'ha lan': 'NL', uc: 'AU', 'trung quoc': 'CN', 'dai loan': 'TW',
};

const LANGUAGE_CODES = [...'abcdefghijklmnopqrstuvwxyz'].flatMap((a) => [...'abcdefghijklmnopqrstuvwxyz'].map((b) => `${a}${b}`))
  .filter((code) => { try { return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(code) !== undefined; } catch { return false; } });
const LANGUAGE_BY_NAME = namesOf('language', LANGUAGE_CODES);

/** The ISO 3166 code of a country named in Vietnamese or English ("Đức", "Germany") or given as a code ("de"); null if unknown. */
export function countryCodeOf(text: string): string | null {
  const trimmed = text.trim();
  if (/^[a-z]{2}$/i.test(trimmed) && COUNTRY_CODES.includes(trimmed.toUpperCase())) return trimmed.toUpperCase();
  const folded = foldName(trimmed).replace(/^(nuoc|the) /, '');
  return COUNTRY_BY_NAME.get(folded) ?? COUNTRY_ALIASES[folded] ?? null;
}

/** The ISO 639-1 code of a language named in Vietnamese or English ("tiếng Việt", "English") or given as a code; null if unknown. */
export function languageCodeOf(text: string): string | null {
  const trimmed = text.trim();
  if (/^[a-z]{2}$/i.test(trimmed) && LANGUAGE_CODES.includes(trimmed.toLowerCase())) return trimmed.toLowerCase();
  const folded = foldName(trimmed);
  return LANGUAGE_BY_NAME.get(folded) ?? LANGUAGE_BY_NAME.get(`tieng ${folded}`) ?? LANGUAGE_BY_NAME.get(folded.replace(/ language$/, '')) ?? null;
}

/** Where someone lives, from "Tokyo, Japan", "Berlin, DE" or just "Đức"; null when no country can be found. */
export function placeOf(text: string): { city?: string; country: string } | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const last = parts.at(-1);
  if (!last) return null;
  const country = countryCodeOf(last);
  if (!country) return null;
  const city = parts.slice(0, -1).join(', ');
  return city ? { city, country } : { country };
}

/** A country's name in the reader's language ("DE" → "Đức" / "Germany"). */
export function countryName(code: string, locale: Locale): string {
  return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
}

/** A language's name in the reader's language ("en" → "Tiếng Anh" / "English"). */
export function languageName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// ICU lists some zones under their old names; people and the API use the current ones.
const CURRENT_ZONE_NAMES: Record<string, string> = {
  'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Katmandu': 'Asia/Kathmandu', 'Asia/Rangoon': 'Asia/Yangon',
};

function offsetNow(zone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** The time zone of a country that keeps one clock ("JP" → Asia/Tokyo, "DE" → Europe/Berlin); null where zones differ (US, RU). */
export function countryZone(country: string): string | null {
  let zones: string[] | undefined;
  try {
    zones = (new Intl.Locale(`und-${country}`) as Intl.Locale & { timeZones?: string[] }).timeZones;
  } catch {
    return null;
  }
  const [first] = zones ?? [];
  if (!first || !zones) return null;
  const offset = offsetNow(first);
  return zones.every((zone) => offsetNow(zone) === offset) ? (CURRENT_ZONE_NAMES[first] ?? first) : null;
}
