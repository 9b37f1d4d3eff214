import { stripDiacritics } from './fold-text.js';
import type { TextLanguage } from './text-language.js';

/**
 * MongoDB's delimiters (gen_delimiter_list.py): code points with the Unicode properties
 * White_Space, Dash, Hyphen, Quotation_Mark, Terminal_Punctuation, Pattern_Syntax or STerm.
 * ECMAScript has no \p{Hyphen}; its members outside \p{Dash} are listed by hand.
 * Underscore is not a delimiter, so "snake_case" stays one word.
 */
const DELIMITERS =
  '\\p{White_Space}\\p{Dash}\\p{Quotation_Mark}\\p{Terminal_Punctuation}' +
  '\\p{Pattern_Syntax}\\p{Sentence_Terminal}\\u00AD\\u30FB\\uFF65';
const DELIMITER = new RegExp(`^[${DELIMITERS}]$`, 'v');

// Scanning with a lookup table is several times faster than String.split with a Unicode
// property regex, and tokenising is the hot path of every $text query. The table covers the
// Basic Multilingual Plane (64 KiB, built once on first use); rarer planes use the regex.
let bmpDelimiters: Uint8Array | null = null;

function buildBmpTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const all = new RegExp(`[${DELIMITERS}]`, 'gv');
  for (let start = 0; start < 0x10000; start += 0x1000) {
    // Lone surrogates are not delimiters; build the probe string from everything else.
    const chars: string[] = [];
    for (let c = start; c < start + 0x1000; c++) chars.push(c >= 0xd800 && c <= 0xdfff ? 'a' : String.fromCharCode(c));
    for (const match of chars.join('').matchAll(all)) table[start + match.index] = 1;
  }
  return table;
}

const APOSTROPHE = 0x27;

export interface TokenizeOptions {
  filterStopWords?: boolean;
  caseSensitive?: boolean;
  diacriticSensitive?: boolean;
}

/** Splits text into raw words on MongoDB's delimiters for the language. */
export function splitWords(text: string, language: TextLanguage): string[] {
  const table = (bmpDelimiters ??= buildBmpTable());
  const english = language.english;
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let delimiter: boolean;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const codePoint = text.codePointAt(i) as number;
      delimiter = codePoint > 0xffff && DELIMITER.test(String.fromCodePoint(codePoint));
      // Step over the low surrogate too, so a delimiter pair does not start a word.
      if (codePoint > 0xffff && delimiter) {
        if (start >= 0) words.push(text.slice(start, i));
        start = -1;
        i++;
        continue;
      }
    } else {
      // English is special-cased by MongoDB: the ASCII apostrophe stays inside words.
      delimiter = table[c] === 1 && !(english && c === APOSTROPHE);
    }
    if (delimiter) {
      if (start >= 0) words.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}

export interface FoldedTerm {
  term: string;
  stopWord: boolean;
}

// Vocabularies repeat a lot and stemming + diacritic stripping is the costly part of
// tokenising: memoise per language, bounded so a huge corpus cannot grow it forever.
const TERM_CACHE_LIMIT = 100_000;
const termCaches = new WeakMap<TextLanguage, Map<string, FoldedTerm>>();

/** The case- and diacritic-insensitive term of an already lower-cased word, memoised. */
export function foldedTerm(lower: string, language: TextLanguage): FoldedTerm {
  let cache = termCaches.get(language);
  if (!cache) termCaches.set(language, (cache = new Map()));
  let term = cache.get(lower);
  if (term === undefined) {
    term = { term: stripDiacritics(language.stem(lower)), stopWord: language.stopWords?.has(lower) === true };
    if (cache.size >= TERM_CACHE_LIMIT) cache.clear();
    cache.set(lower, term);
  }
  return term;
}

/**
 * Turns one word into its index term, or null for a filtered stop word. Mirrors MongoDB's
 * UnicodeFTSTokenizer order: lower-case, stop-word check (diacritics still on), stem
 * (diacritics still on), then strip diacritics.
 */
export function wordToTerm(word: string, language: TextLanguage, options: TokenizeOptions): string | null {
  if (!options.caseSensitive && !options.diacriticSensitive) {
    const term = foldedTerm(word.toLowerCase(), language);
    return options.filterStopWords && term.stopWord ? null : term.term;
  }
  const lower = word.toLowerCase();
  if (options.filterStopWords && language.stopWords?.has(lower)) return null;
  const stemmed = language.stem(options.caseSensitive ? word : lower);
  return options.diacriticSensitive ? stemmed : stripDiacritics(stemmed);
}

/** Tokenises text into index terms (see wordToTerm) in document order. */
export function tokenizeText(text: string, language: TextLanguage, options: TokenizeOptions = {}): string[] {
  const terms: string[] = [];
  for (const word of splitWords(text, language)) {
    const term = wordToTerm(word, language, options);
    if (term !== null) terms.push(term);
  }
  return terms;
}
