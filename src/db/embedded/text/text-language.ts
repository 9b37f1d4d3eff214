import { stem as porter2 } from 'porter2';
import { ENGLISH_STOP_WORDS } from './english-stop-words.js';

/**
 * Languages MongoDB (community edition) accepts for text indexes. Only English is analysed
 * (Snowball "english" = Porter2 stemming + stop words); every other accepted language is
 * tokenised like 'none' (no stemming, no stop words) because we ship no stemmer for it.
 * Vietnamese is not a MongoDB language: apps index it with default_language 'none'.
 */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  none: 'none',
  danish: 'danish', da: 'danish',
  dutch: 'dutch', nl: 'dutch',
  english: 'english', en: 'english',
  finnish: 'finnish', fi: 'finnish',
  french: 'french', fr: 'french',
  german: 'german', de: 'german',
  hungarian: 'hungarian', hu: 'hungarian',
  italian: 'italian', it: 'italian',
  norwegian: 'norwegian', nb: 'norwegian',
  portuguese: 'portuguese', pt: 'portuguese',
  romanian: 'romanian', ro: 'romanian',
  russian: 'russian', ru: 'russian',
  spanish: 'spanish', es: 'spanish',
  swedish: 'swedish', sv: 'swedish',
  turkish: 'turkish', tr: 'turkish',
};

export interface TextLanguage {
  name: string;
  /** English keeps the ASCII apostrophe inside words ("don't"); other languages split on it. */
  english: boolean;
  stopWords: ReadonlySet<string> | null;
  stem(word: string): string;
}

const identity = (word: string): string => word;

const languages = new Map<string, TextLanguage>();
for (const name of new Set(Object.values(LANGUAGE_NAMES))) {
  const english = name === 'english';
  languages.set(name, {
    name,
    english,
    stopWords: english ? ENGLISH_STOP_WORDS : null,
    stem: english ? porter2 : identity,
  });
}

/** Looks a language up by name or ISO code (case-insensitive); null when MongoDB would refuse it. */
export function findTextLanguage(name: string): TextLanguage | null {
  const canonical = LANGUAGE_NAMES[name.toLowerCase()];
  return canonical === undefined ? null : (languages.get(canonical) ?? null);
}

/** Like findTextLanguage but throws MongoDB's message for an unsupported language. */
export function requireTextLanguage(name: string): TextLanguage {
  const language = findTextLanguage(name);
  if (!language) throw new Error(`language override unsupported: ${name}`);
  return language;
}
