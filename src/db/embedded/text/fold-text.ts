/**
 * Case and diacritic folding as MongoDB text index version 3 does it.
 *
 * MongoDB removes every code point with the Unicode `Diacritic` property after canonical
 * decomposition and recomposes the rest, so "ệ" becomes "e" while letters without a
 * decomposition keep their identity: "đ", "ø", "ł" are NOT folded (MongoDB treats them as
 * separate letters; the application folds "đ" itself when it wants to).
 * Case folding uses JavaScript's lower-casing, which matches MongoDB's simple case folding
 * except for rare cases (final sigma, Turkish dotted I) that we accept.
 */

export interface FoldOptions {
  caseSensitive?: boolean;
  diacriticSensitive?: boolean;
}

const DIACRITIC = /\p{Diacritic}/gu;
// Fast path: pure ASCII text has nothing to decompose (the ASCII diacritics ^ ` are
// delimiters in every tokenizer, but phrase matching still needs them removed).
// eslint-disable-next-line no-control-regex -- the range deliberately starts at U+0000
const NON_ASCII_OR_ASCII_DIACRITIC = /[^\x00-\x5d\x5f\x61-\x7f]/;

/** Removes diacritics the way MongoDB does; use on text that is already split or lower-cased. */
export function stripDiacritics(text: string): string {
  if (!NON_ASCII_OR_ASCII_DIACRITIC.test(text)) return text;
  return text.normalize('NFD').replace(DIACRITIC, '').normalize('NFC');
}

/** Folds text for comparison: lower-cased unless caseSensitive, diacritics removed unless diacriticSensitive. */
export function foldText(text: string, options: FoldOptions = {}): string {
  const cased = options.caseSensitive ? text : text.toLowerCase();
  return options.diacriticSensitive ? cased : stripDiacritics(cased);
}
